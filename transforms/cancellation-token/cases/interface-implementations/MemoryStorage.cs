using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace Files;

public class MemoryStorage : IStorage
{
    private readonly ConcurrentDictionary<string, byte[]> _items = new();

    public Task<byte[]> ReadAsync(string name) => Task.FromResult(_items[name]);

    public Task WriteAsync(string name, byte[] data)
    {
        _items[name] = data;
        return Task.CompletedTask;
    }
}
