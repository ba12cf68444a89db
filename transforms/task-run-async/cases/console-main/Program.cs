// case: rewrite
// A console application: Main runs on a pool-free thread with no context, and a Task.Run around an HttpClient
// call only adds a hop. Task.Run around synchronous work (a CPU-bound computation) is not this transform's and
// is not reported.
using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace Tool
{
    public static class Program
    {
        private static readonly HttpClient Http = new HttpClient();

        public static async Task<int> Main(string[] args)
        {
            string page = await Task.Run(() => Http.GetStringAsync(args[0]));
            int words = await Task.Run(() => Count(page));
            Console.WriteLine(words);
            return 0;
        }

        private static int Count(string text) => text.Split(' ').Length;
    }
}
