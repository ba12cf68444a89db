// case: left-alone
using System.Threading.Tasks;

public class Telemetry
{
    public async Task TrackAsync(string name)
    {
        await Task.Yield();
        // Written off on purpose: the code says so.
        _ = SendAsync(name);
        _ = SendAsync(name).ConfigureAwait(false);
    }

    private Task SendAsync(string name) => Task.CompletedTask;
}
