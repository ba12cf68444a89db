// case: rewrite
using System.Threading.Tasks;

namespace Shop
{
    public class Loader
    {
        private Task<string> ReadAsync() => Task.FromResult("x");

        public int Length()
        {
            var text = ReadAsync().ConfigureAwait(false).GetAwaiter().GetResult();
            return text.Length;
        }
    }
}
