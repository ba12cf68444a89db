// case: rewrite
// Library code that configures its awaits: the new awaits are configured too, and `await` is parenthesized where
// the result is used further (`(await …).Length`). The token in scope goes in as the last argument.
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Storage
{
    public class Blob
    {
        public async Task<int> SizeAsync(string path, Stream target, CancellationToken token)
        {
            var length = File.ReadAllText(path).Length;
            await target.FlushAsync(token).ConfigureAwait(false);
            target.Flush();
            return length;
        }
    }
}
