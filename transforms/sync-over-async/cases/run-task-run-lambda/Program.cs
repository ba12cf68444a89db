// case: rewrite
// oracle: run
// CPU work offloaded with `Task.Run(...).Result`, and a `Task.Run` lambda that calls a method
// which itself becomes async.
using System;

namespace Compute
{
    public static class Program
    {
        public static void Main()
        {
            var engine = new Engine();
            Console.WriteLine("checksum: " + engine.Checksum(new[] { 3, 5, 7 }));
            Console.WriteLine("report: " + engine.Report(4));
        }
    }
}
