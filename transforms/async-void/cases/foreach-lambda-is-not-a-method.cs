// case: rewrite
// args: --all-transforms
// An async lambda passed to ForEach runs as async void, but it is no `async void` method: async-lambda-void owns
// that site (it becomes a foreach loop); async-void turns the method into `async Task` and says nothing of the lambda.
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Jobs
{
    public class Cleaner
    {
        public async void CleanAll(List<string> paths)
        {
            paths.ForEach(async path => await DeleteAsync(path));
            await Task.Yield();
        }

        private Task DeleteAsync(string path) => Task.Delay(1);

        public async Task RunAsync(List<string> paths)
        {
            await Task.Yield();
            CleanAll(paths);
        }
    }
}
