// case: left-alone
using System.Threading.Tasks;

public class Ticker
{
    private int _ticks;

    public async Task TickAsync()
    {
        await Task.Delay(1000);
        _ticks++;
        // Starts the next tick and returns: awaiting would chain every tick.
        TickAsync();
    }
}
