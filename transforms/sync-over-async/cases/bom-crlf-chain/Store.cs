// case: rewrite
using System.Threading.Tasks;

namespace Shop
{
    public class Store
    {
        private Task<int> SizeAsync() => Task.FromResult(3);

        public int Size()
        {
            // Blocks for now.
            return SizeAsync().Result;
        }
    }
}
