// case: left-alone
// The receiver's type is not known (dynamic): only the name says the call returns a task, so it is reported
// (--include-review unwraps it).
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
