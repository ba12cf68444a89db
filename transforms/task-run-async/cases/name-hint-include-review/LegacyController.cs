// case: rewrite
// args: --include-review
// With --include-review, a call whose task type rests on its `...Async` name is unwrapped too.
using System.Threading.Tasks;

namespace Shop
{
    public class LegacyController
    {
        private readonly dynamic _legacy;

        public LegacyController(dynamic legacy) => _legacy = legacy;

        public async Task Run()
        {
            await Task.Run(() => _legacy.RunAsync());
        }
    }
}
