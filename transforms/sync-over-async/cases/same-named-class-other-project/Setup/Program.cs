// case: rewrite
// The setup tool's `Program` and the app's `Program` are two types in two projects that do not reference each
// other: the app's `Main` is no overload of the setup's, which becomes `async Task Main` with its download.
using System;
using System.Net.Http;

namespace Shop.Setup
{
    internal static class Program
    {
        private static readonly HttpClient Client = new HttpClient();

        private static void Main(string[] args)
        {
            Console.WriteLine("setup started");
            DownloadTools();
        }

        private static void DownloadTools()
        {
            string page = Client.GetStringAsync("https://example.com/tools").GetAwaiter().GetResult();
            Console.WriteLine(page.Length);
        }
    }
}
