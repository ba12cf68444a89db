// case: rewrite
// `Shop.Formatter` and `Shop.Reports.Formatter` are two types: the one-argument `Format` of the other is no
// overload, so the chain converts. The report's call goes to its own namespace's `Formatter` and stays as it is;
// the page, in `Shop.Pages`, sees `Shop.Formatter` through its enclosing namespace and awaits it.
using System.Threading.Tasks;

namespace Shop
{
    public class Formatter
    {
        private Task<string> RenderAsync(object value) => Task.FromResult(value.ToString());

        public string Format(int value) => RenderAsync(value).Result;
    }
}
