// case: left-alone
// The receivers' types cannot be established: possible, reported, not rewritten.
using System.Threading;
using System.Threading.Tasks;

public class Store
{
    public async Task SaveAsync(string text)
    {
        await Task.Delay(text.Length);
    }
}

public class Relay
{
    public async Task ForwardAsync(dynamic source, dynamic store, CancellationToken ct)
    {
        var buffer = new byte[64];
        int read = await source.ReadAsync(buffer, 0, buffer.Length);
        await Factory.Create().SaveChangesAsync();
        await store.SaveAsync("copied");
    }
}
