// case: rewrite
// `using` of an IAsyncDisposable resource in async code becomes `await using` (C# 8, .NET Core 3.0+): a file
// stream from `File.OpenWrite`, a writer, a solution type that implements IAsyncDisposable. A MemoryStream
// (no I/O on dispose), a type that is only IDisposable, a `using` in a synchronous method and one in code that
// configures its awaits stay as they are.
using System;
using System.IO;
using System.Threading.Tasks;

namespace Shop
{
    public sealed class Session : IAsyncDisposable, IDisposable
    {
        public ValueTask DisposeAsync() => default;
        public void Dispose() { }
    }

    public sealed class Ledger : IDisposable
    {
        public void Dispose() { }
    }

    public class Export
    {
        public async Task WriteAsync(string path, string text)
        {
            using (var stream = File.OpenWrite(path))
            {
                await stream.WriteAsync(new byte[] { 1 });
            }
            using var writer = new StreamWriter(path + ".txt");
            await writer.WriteAsync(text);
            using var session = new Session();
            using var memory = new MemoryStream();
            using var ledger = new Ledger();
            await Task.Yield();
        }

        public void Write(string path)
        {
            using (var stream = File.OpenWrite(path))
            {
                stream.WriteByte(1);
            }
        }

        public async Task CopyAsync(Stream source, string path)
        {
            using (var target = File.Create(path))
            {
                await source.CopyToAsync(target).ConfigureAwait(false);
            }
        }
    }
}
