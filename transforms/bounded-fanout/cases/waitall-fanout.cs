// case: rewrite
// args: --all-transforms
// `Task.WaitAll(tasks.ToArray())` over a task per item: sync-over-async turns it into
// `await Task.WhenAll(...)`, and the fan-out is bounded in the same run, so a second run has nothing to do.
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Jobs
{
    public class Importer
    {
        private Task ImportAsync(string path) => Task.Delay(path.Length);

        public void ImportAll(IEnumerable<string> paths)
        {
            var tasks = new List<Task>();
            foreach (var path in paths)
            {
                tasks.Add(ImportAsync(path));
            }
            Task.WaitAll(tasks.ToArray());
        }
    }
}
