// case: rewrite
// A nullable token is passed on as `ct.GetValueOrDefault()`.
using System.Threading;
using System.Threading.Tasks;

public class Throttle
{
    public async Task WaitTurnAsync(int ms, CancellationToken? ct = null)
    {
        await Task.Delay(ms);
    }
}
