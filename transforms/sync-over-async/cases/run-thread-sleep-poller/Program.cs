// case: rewrite
// oracle: run
// An async method sleeps with `Thread.Sleep` (becomes `await Task.Delay`), and a synchronous poller
// blocks on it with `.Result` inside a loop.
using System;

namespace Polling
{
    public static class Program
    {
        public static void Main()
        {
            var poller = new Poller(new HealthCheck());
            int healthy = poller.PollAll(new[] { "db", "cache", "queue", "search" });
            Console.WriteLine(healthy + " of 4 healthy");
        }
    }
}
