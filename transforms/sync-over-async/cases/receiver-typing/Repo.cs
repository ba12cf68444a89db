// case: rewrite
using System.Threading.Tasks;

namespace Shop
{
    public class Repo
    {
        public Task<string> NameAsync() => Task.FromResult("n");

        public string Name() => NameAsync().Result;
    }
}
