// case: rewrite
// args: --all-transforms
// `Save` blocks on a write, so sync-over-async makes it async in this run; its `using` of a Stream (an
// IAsyncDisposable) becomes `await using` in the same run, so a second run has nothing left to change. The
// `using` in `Describe`, which stays synchronous, is left as it is.
using System.IO;
using System.Threading.Tasks;

namespace Shop
{
    public class Exporter
    {
        public void Save(string path, byte[] data)
        {
            using (var stream = new FileStream(path, FileMode.Create))
            {
                stream.WriteAsync(data, 0, data.Length).Wait();
            }
        }

        public string Describe(string path)
        {
            using (var stream = new FileStream(path, FileMode.Open))
            {
                return stream.Length.ToString();
            }
        }
    }
}
