// case: rewrite
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Jobs
{
    public class Cleaner
    {
        public void CleanAll(List<string> paths)
        {
            paths.ForEach(async path => await DeleteAsync(path));
        }

        private Task DeleteAsync(string path) => Task.Delay(1);
    }

    public class Nightly
    {
        public async Task RunAsync(List<string> paths)
        {
            await Task.Yield();
            new Cleaner().CleanAll(paths);
        }
    }
}
