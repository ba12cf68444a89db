// case: left-alone
using System.Threading.Tasks;

namespace Shop
{
    public class Formatter
    {
        private Task<string> RenderAsync(object value) => Task.FromResult(value.ToString());

        public string Format(int value) => RenderAsync(value).Result;

        public string Format(string value) => value;
    }
}
