// case: rewrite
// args: --allow-boundaries
using System.Threading.Tasks;

namespace Shop
{
    public class Node
    {
        private Task<int> ValueAsync() => Task.FromResult(1);

        public int Value() => ValueAsync().Result;
    }

    public class User
    {
        public int Read(Node node)
        {
            return node?.Value() ?? 0;
        }
    }
}
