// case: rewrite
using System.Threading.Tasks;

namespace Shop
{
    public class Config
    {
        private Task<string> ReadAsync() => Task.FromResult("value");

        public string Read() => ReadAsync().Result;
    }
}
