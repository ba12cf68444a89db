// An async iterator that gains a token marks it [EnumeratorCancellation], whose namespace ImplicitUsings does not
// cover: `using System.Runtime.CompilerServices;` is added.
namespace App;

public class LineSource
{
    public async IAsyncEnumerable<string> ReadLinesAsync(string path)
    {
        using var reader = new StreamReader(path);
        string? line;
        while ((line = await reader.ReadLineAsync()) != null)
        {
            yield return line;
        }
    }

    public async Task<int> CountAsync(string path, CancellationToken ct)
    {
        int n = 0;
        await foreach (string line in ReadLinesAsync(path))
        {
            n += line.Length;
        }

        return n;
    }
}
