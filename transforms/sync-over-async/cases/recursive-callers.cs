// case: rewrite
using System.Threading.Tasks;

namespace Shop
{
    public class Tree
    {
        private Task<int> LeafAsync(int n) => Task.FromResult(n);

        public int Walk(int depth)
        {
            if (depth == 0)
            {
                return LeafAsync(depth).Result;
            }
            return Walk(depth - 1) + 1;
        }
    }
}
