// case: rewrite
// A site under `// asyncmod-disable-next-line` is suppressed, not rewritten; a chain that would have to await a
// call on a line under `// asyncmod-disable-line` is refused whole; `#pragma warning disable VSTHRD002` suppresses
// what the Visual Studio threading analyzer would flag, up to its restore. The rest is rewritten as usual.
using System.Threading.Tasks;

namespace Shop
{
    public class Inventory
    {
        private Task<int> FetchAsync() => Task.FromResult(1);

        private int Legacy()
        {
            // asyncmod-disable-next-line sync-over-async -- its callers run in a constructor
            return FetchAsync().Result;
        }

        private int Count()
        {
            return FetchAsync().Result;
        }

        private int Total()
        {
            return Count() + Legacy(); // asyncmod-disable-line
        }

#pragma warning disable VSTHRD002 // startup code waits on purpose
        private int Warm()
        {
            return FetchAsync().Result;
        }
#pragma warning restore VSTHRD002

        private int Other()
        {
            return FetchAsync().Result;
        }

        public async Task<int> UseAsync()
        {
            await Task.Yield();
            return Other() + Warm();
        }
    }
}
