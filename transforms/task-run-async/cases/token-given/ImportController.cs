// case: left-alone
// Task.Run given a token: a token cancelled before the work starts skips it, which the bare call would not.
// A Task.Run that is not waited for where it starts (fire-and-forget, returned) is not a site at all.
using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public interface IImporter
    {
        Task ImportAsync(string file, CancellationToken token);
    }

    public class ImportController
    {
        private readonly IImporter _importer;

        public ImportController(IImporter importer) => _importer = importer;

        public async Task Import(string file, CancellationToken token)
        {
            await Task.Run(() => _importer.ImportAsync(file, token), token);
            _ = Task.Run(() => _importer.ImportAsync(file + ".bak", CancellationToken.None));
        }

        public Task Later(string file) => Task.Run(() => _importer.ImportAsync(file, CancellationToken.None));
    }
}
