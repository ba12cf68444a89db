// case: rewrite
// An async iterator that gains a token marks it [EnumeratorCancellation] (else warning CS8425),
// so `WithCancellation` tokens reach it too.
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

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
