// case: left-alone
using System.Linq;
using System.Threading.Tasks;

namespace Shop
{
    public class Combiner
    {
        private Task<int> AAsync() => Task.FromResult(1);

        public async Task<int> SumAsync()
        {
            Task<int> a = AAsync();
            Task<int> b = AAsync();
            await Task.WhenAll(a, b);
            var tasks = new[] { AAsync(), AAsync() };
            await Task.WhenAll(tasks);
            int rest = tasks.Select(t => t.Result).Sum();
            return a.Result + b.Result + rest;
        }

        public Task<int> Chain()
        {
            return AAsync().ContinueWith(t => t.Result + 1);
        }

        public int Checked(Task<int> t)
        {
            if (t.IsCompletedSuccessfully)
            {
                return t.Result;
            }
            return -1;
        }
    }
}
