// case: left-alone
// "Async over sync": library methods that only wrap synchronous file I/O in Task.Run and return its task
// are reported (expose the synchronous API; let callers decide). Not reported: an implementation of an
// interface member (the interface fixes the Task), a private helper, a wrapper around real async I/O, and a
// method that does more than return the Task.Run.
using System.IO;
using System.Threading.Tasks;

namespace Contoso.Storage
{
    public interface IStore
    {
        Task<string> LoadAsync(string path);
    }

    public class FileStore : IStore
    {
        public string Read(string path) => File.ReadAllText(path);

        public Task<string> ReadAsync(string path) => Task.Run(() => Read(path));

        public Task WriteAsync(string path, string text)
        {
            return Task.Run(() =>
            {
                File.WriteAllText(path, text);
            });
        }

        public async Task<byte[]> ReadBytesAsync(string path)
        {
            return await Task.Run(() => File.ReadAllBytes(path)).ConfigureAwait(false);
        }

        public Task<string> LoadAsync(string path) => Task.Run(() => File.ReadAllText(path));

        private Task<string[]> LinesAsync(string path) => Task.Run(() => File.ReadAllLines(path));

        public Task<string> FetchAsync(string path) => Task.Run(() => File.ReadAllTextAsync(path));

        public Task<int> LengthAsync(string path)
        {
            string full = Path.GetFullPath(path);
            return Task.Run(() => File.ReadAllText(full).Length);
        }
    }
}
