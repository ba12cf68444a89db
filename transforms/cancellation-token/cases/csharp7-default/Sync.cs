// case: rewrite
// C# 7.0 has no `default` literal: the new parameter defaults to `default(CancellationToken)`.
// On .NET Framework, HttpClient.GetStringAsync has no token overload (left alone) but GetAsync does.
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Legacy
{
    public class Sync
    {
        private readonly Remote _remote = new Remote();

        public async Task RunAsync(CancellationToken ct)
        {
            await _remote.PullAsync("items");
        }
    }
}
