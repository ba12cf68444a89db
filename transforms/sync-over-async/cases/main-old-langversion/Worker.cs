using System.Threading.Tasks;

namespace Legacy
{
    public static class Worker
    {
        private static Task<int> ComputeAsync() => Task.FromResult(1);

        public static int Run() => ComputeAsync().Result;
    }
}
