// case: rewrite
using System.Threading.Tasks;

namespace Shop
{
    public class Background
    {
        private Task<int> ComputeAsync() => Task.FromResult(1);

        public Task<int> Start()
        {
            return Task.Run(() => ComputeAsync().Result + 1);
        }

        public Task StartBlock()
        {
            return Task.Run(() =>
            {
                ComputeAsync().Wait();
            });
        }
    }
}
