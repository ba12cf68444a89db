// case: rewrite
using System.Threading.Tasks;

namespace Tool
{
    public static class Program
    {
        private static Task<int> RunAsync(string[] args) => Task.FromResult(args.Length);

        public static int Main(string[] args)
        {
            return RunAsync(args).Result;
        }
    }
}
