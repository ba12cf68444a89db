// case: rewrite
// args: --all-transforms
// A Task.Run lambda that blocks on the call: sync-over-async makes the lambda await it in this run, and the
// pass over that output unwraps the Task.Run, so a second run finds nothing.
using System.Threading.Tasks;

namespace Tool
{
    public interface ISource
    {
        Task<string> ReadAsync();
    }

    public class Loader
    {
        private readonly ISource _source;

        public Loader(ISource source) => _source = source;

        public async Task<string> LoadAsync()
        {
            return await Task.Run(() => _source.ReadAsync().Result);
        }
    }
}
