// case: left-alone
using System.Threading.Tasks;

public class Indexer
{
    public async Task StartAsync()
    {
        await Task.Yield();
        Task.Run(() => Rebuild());
        Task.Factory.StartNew(() => Rebuild());
    }

    private void Rebuild() { }
}
