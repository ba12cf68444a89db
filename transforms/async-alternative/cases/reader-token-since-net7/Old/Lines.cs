// case: rewrite
// `TextReader.ReadToEndAsync` and `ReadLineAsync` take a token from .NET 7 on. In this .NET 6 project they take
// none, so the token in scope is not passed; in the .NET 8 project beside it, it is (else the
// cancellation-token transform would pass it on a second run).
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Old
{
    public class Lines
    {
        public async Task<string> FirstAsync(string path, CancellationToken token)
        {
            using var reader = new StreamReader(path);
            await Task.Delay(1, token);
            return reader.ReadLine();
        }
    }
}
