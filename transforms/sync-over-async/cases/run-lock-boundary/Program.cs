// case: rewrite
// args: --allow-boundaries
// oracle: run
// `Fetch` blocks on `.Result` and becomes async; one caller sits inside `lock`, which cannot hold
// an await, so that call keeps an explicit `.GetAwaiter().GetResult()`; the other caller is awaited.
using System;

namespace Counters
{
    public static class Program
    {
        public static void Main()
        {
            var counter = new Counter(new Source());
            counter.Add();
            counter.Add();
            Console.WriteLine(counter.Report());
        }
    }
}
