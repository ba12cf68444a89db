// case: rewrite
using System.Threading.Tasks;

namespace Shop
{
    public class Repo
    {
        public Task<string> FetchNameAsync() => Task.FromResult("n");

        public string Name() => FetchNameAsync().Result;
    }
}
