// case: rewrite
using System.Threading.Tasks;

namespace Shop
{
    public class Loader
    {
        private ValueTask<string> LoadValueAsync() => new ValueTask<string>("x");

        public string Read()
        {
            return LoadValueAsync().GetAwaiter().GetResult();
        }
    }
}
