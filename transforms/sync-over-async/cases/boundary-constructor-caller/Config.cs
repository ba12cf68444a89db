// case: rewrite
// args: --allow-boundaries
using System.Threading.Tasks;

namespace Shop
{
    public class Config
    {
        private Task<string> FetchValueAsync() => Task.FromResult("value");

        public string Read() => FetchValueAsync().Result;
    }
}
