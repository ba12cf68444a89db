// case: rewrite
// args: --all-transforms
// `Report` blocks on a task, so sync-over-async makes it async in this run; its `File.ReadAllText` is then a call
// in async code like any other, switched in the same run (a second run would switch it otherwise).
using System.IO;
using System.Threading.Tasks;

namespace Shop
{
    public class Reports
    {
        public string Report(string path, Task<string> header)
        {
            var body = File.ReadAllText(path);
            return header.Result + body;
        }

        public async Task<string> PrintAsync(string path)
        {
            return await Task.FromResult(Report(path, Task.FromResult("# ")));
        }
    }
}
