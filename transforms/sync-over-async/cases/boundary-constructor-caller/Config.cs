// case: rewrite
// args: --allow-boundaries
using System.Threading.Tasks;

namespace Shop
{
    public class Config
    {
        private Task<string> ReadAsync() => Task.FromResult("value");

        public string Read() => ReadAsync().Result;
    }
}
