// case: rewrite
using System.Threading.Tasks;

namespace Shop
{
    public class Nested
    {
        private Task<int> BarAsync() => Task.FromResult(2);
        private Task<string> FooAsync(int n) => Task.FromResult(new string('x', n));

        public int Compute()
        {
            return FooAsync(BarAsync().Result).Result.Length;
        }
    }
}
