using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Modern;

public class TemplateReader
{
    public async Task<string> ReadAsync(string path, CancellationToken ct)
    {
        using var reader = new StreamReader(path);
        string? first = await reader.ReadLineAsync();
        Task<string?> next = reader.ReadLineAsync();
        return first + await next + await reader.ReadToEndAsync();
    }
}
