// case: left-alone
// A partial method has two declarations; it is reported rather than changed in one of them.
using System.Threading;
using System.Threading.Tasks;

namespace Gen;

public partial class Sync
{
    public async Task RunAsync(CancellationToken ct)
    {
        await PullAsync("items");
    }

    public partial Task PullAsync(string path);
}
