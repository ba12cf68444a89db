// case: left-alone
// The overload sits in another part of the same partial type (same namespace, same project): calls to `Format`
// with one argument could mean either, so the chain is refused. A type of the same name in another namespace
// is another type: its `Format` would not count (see Formatter.Other.cs, whose method takes one argument too).
using System.Threading.Tasks;

namespace Shop
{
    public partial class Formatter
    {
        private Task<string> RenderAsync(object value) => Task.FromResult(value.ToString());

        public string Format(int value) => RenderAsync(value).Result;
    }
}
