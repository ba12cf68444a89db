// case: rewrite
using System.Threading.Tasks;

namespace Shop.Infrastructure
{
    public static class Http
    {
        private static Task<string> GetAsync(string url) => Task.FromResult(url);

        public static string Get(string url) => GetAsync(url).Result;
    }
}
