// case: left-alone
// A .NET Framework 4.8 project: `File.ReadAllTextAsync` (.NET Core 2.0) and `Process.WaitForExitAsync` (.NET 5)
// do not exist there, so the calls are reported, not switched; `WebClient` has no async API that fits async code.
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Threading.Tasks;

namespace Legacy
{
    public class Tools
    {
        public async Task<string> RunAsync(string path)
        {
            var text = File.ReadAllText(path);
            var process = Process.Start("tool.exe");
            process.WaitForExit();
            var client = new WebClient();
            var page = client.DownloadString("http://localhost/");
            await Task.Yield();
            return text + page;
        }
    }
}
