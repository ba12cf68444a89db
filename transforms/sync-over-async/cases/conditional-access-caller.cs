// case: rewrite
// args: --allow-boundaries
// Value becomes async for ReadAsync, which awaits it; Read's `?.` call cannot be awaited as written and keeps a
// wait (a boundary).
using System.Threading.Tasks;

namespace Shop
{
    public class Node
    {
        private Task<int> FetchValueAsync() => Task.FromResult(1);

        public int Value() => FetchValueAsync().Result;
    }

    public class User
    {
        public int Read(Node node)
        {
            return node?.Value() ?? 0;
        }

        public async Task<int> ReadAsync(Node node)
        {
            await Task.Yield();
            return node.Value();
        }
    }
}
