// case: rewrite
// `await using` and `await foreach`: the resource and the enumerable are configured, and the variable a
// declaration names keeps its type (a second declaration configures its disposal).
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Store
{
    public class Exporter
    {
        public async Task ExportAsync(IAsyncEnumerable<string> rows, string path, CancellationToken token)
        {
            await using var stream = File.Create(path);
            await using (var writer = new StreamWriter(stream))
            {
                await foreach (var row in rows.WithCancellation(token))
                {
                    await writer.WriteLineAsync(row);
                }
            }
        }

        public async Task<long> CopyAsync(Stream source, string path)
        {
            await using (source)
            {
                await using (File.OpenRead(path).ConfigureAwait(false))
                {
                }
                await using (new MemoryStream())
                {
                }
                await foreach (var line in ReadAsync(path))
                {
                    await Task.Delay(line.Length);
                }
                return source.Length;
            }
        }

        public async Task<int> CountAsync(IAsyncEnumerable<string> rows)
        {
            // Configured already: the enumerator of a configured enumerable disposes without the context, and
            // is of a type (a struct with its own DisposeAsync) that has no ConfigureAwait.
            var configured = rows.ConfigureAwait(false);
            var enumerator = configured.GetAsyncEnumerator();
            int n = 0;
            await using (enumerator)
            {
                while (await enumerator.MoveNextAsync())
                {
                    n++;
                }
            }
            return n;
        }

        private static async IAsyncEnumerable<string> ReadAsync(string path)
        {
            using var reader = new StreamReader(path);
            string line;
            while ((line = await reader.ReadLineAsync()) != null)
            {
                yield return line;
            }
        }
    }
}
