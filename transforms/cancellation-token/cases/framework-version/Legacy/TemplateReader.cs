// case: rewrite
// StreamReader.ReadToEndAsync(CancellationToken) exists from .NET 7 on: the net6.0 project keeps
// ReadToEndAsync() (left alone, with the reason), the net8.0 project passes the token.
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Legacy;

public class TemplateReader
{
    public async Task<string> ReadAsync(string path, CancellationToken ct)
    {
        using var reader = new StreamReader(path);
        await Task.Delay(1);
        return await reader.ReadToEndAsync();
    }
}
