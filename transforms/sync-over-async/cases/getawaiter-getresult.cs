// case: rewrite
using System.Threading.Tasks;

namespace Shop
{
    public class Loader
    {
        private ValueTask<string> ReadAsync() => new ValueTask<string>("x");

        public string Read()
        {
            return ReadAsync().GetAwaiter().GetResult();
        }
    }
}
