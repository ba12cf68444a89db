// case: rewrite
// A console application and the published library it ships with: only the library's awaits are configured.
// The application's stay as they are (no site): its code may need its context after an await.
using System.Threading.Tasks;

namespace Tool
{
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            var client = new Client.Downloader();
            string text = await client.DownloadAsync(args[0]);
            await Task.Delay(1);
            return text.Length;
        }
    }
}
