using System.IO;
using System.Threading.Tasks;

namespace Files;

public class DiskStorage : IStorage
{
    public Task<byte[]> ReadAsync(string name) => File.ReadAllBytesAsync(name);

    public async Task WriteAsync(string name, byte[] data)
    {
        await File.WriteAllBytesAsync(name, data);
    }
}
