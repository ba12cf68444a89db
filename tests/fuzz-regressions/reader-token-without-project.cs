// case: rewrite
// oracle: run
// Library calls in async code: `Stream.Write` and `Stream.Flush` on a `FileStream`, and `TextReader.ReadToEnd`
// on a `StreamReader`, have async alternatives since .NET Framework 4.5; the stream ones take the token in scope.
// The `MemoryStream` works in memory: its calls and its `using` stay as they are (and a C# 7.2 project could not
// write `await using` anyway).
using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public static class Program
    {
        public static void Main()
        {
            Console.WriteLine(Copier.CopyAsync("hello, world", CancellationToken.None).GetAwaiter().GetResult());
        }
    }

    public static class Copier
    {
        public static async Task<string> CopyAsync(string text, CancellationToken token)
        {
            var path = Path.GetTempFileName();
            var bytes = Encoding.UTF8.GetBytes(text);
            using (var file = new FileStream(path, FileMode.Create))
            {
                file.Write(bytes, 0, bytes.Length);
                file.Flush();
            }
            string all;
            using (var reader = new StreamReader(path))
            {
                all = reader.ReadToEnd();
            }
            File.Delete(path);
            using (var buffer = new MemoryStream())
            {
                buffer.Write(bytes, 0, bytes.Length);
                await Task.Yield();
                return all.ToUpperInvariant() + " (" + buffer.Length + " bytes)";
            }
        }
    }
}
