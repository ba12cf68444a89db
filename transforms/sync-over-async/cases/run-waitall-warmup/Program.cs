// case: rewrite
// oracle: run
// Start-up warms two caches with `Task.WaitAll`, then reads the finished tasks' `.Result`
// (no longer blocking); the wait is two static calls below Main.
using System;

namespace Warmup
{
    public static class Program
    {
        public static void Main()
        {
            Console.WriteLine("starting");
            int entries = Startup.Initialize("eu");
            Console.WriteLine("cache entries: " + entries);
        }
    }
}
