// case: rewrite
// args: --all-transforms
// sync-over-async makes Import async; the task it dropped then is a CS4014 the run would have created, and
// is awaited in the same run (a second run finds nothing).
using System.Threading.Tasks;

namespace Jobs
{
    public class Importer
    {
        public static async Task Main()
        {
            await Task.Yield();
            new Importer().Import();
        }

        public void Import()
        {
            var rows = ReadAsync().Result;
            IndexAsync(rows);
        }

        private Task<int> ReadAsync() => Task.FromResult(1);

        private Task IndexAsync(int rows) => Task.CompletedTask;
    }
}
