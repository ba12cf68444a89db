// case: rewrite
using System.Threading.Tasks;

namespace Shop
{
    public class Proxy
    {
        private Task<int> InnerAsync() => Task.FromResult(1);

        public Task<int> GetAsync(bool cached)
        {
            if (cached)
            {
                return Task.FromResult(InnerAsync().Result);
            }
            return InnerAsync();
        }

        public Task ResetAsync()
        {
            InnerAsync().Wait();
            return Task.CompletedTask;
        }
    }
}
