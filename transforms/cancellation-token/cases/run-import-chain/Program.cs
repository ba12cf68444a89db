// case: rewrite
// oracle: run
// The importer's token reaches the stream read, the semaphore and the delay two calls below it.
// Nothing cancels, so the program prints the same before and after; the rewrite must compile
// under C# 7.2 and .NET Framework, where only overloads that exist there may be used.
using System;
using System.Threading;

namespace Import
{
    public static class Program
    {
        public static void Main()
        {
            using (var cts = new CancellationTokenSource())
            {
                var importer = new Importer(new LineReader(), new Throttle());
                int total = importer.ImportAsync("a\nbb\nccc", cts.Token).GetAwaiter().GetResult();
                Console.WriteLine("total: " + total);
                Console.WriteLine("lines: " + importer.Lines);
            }
        }
    }
}
