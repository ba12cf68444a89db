using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace New
{
    public class Lines
    {
        public async Task<string> AllAsync(string path, CancellationToken token)
        {
            using var reader = new StreamReader(path);
            await Task.Delay(1, token);
            return reader.ReadToEnd();
        }
    }
}
