// case: rewrite
// oracle: run
// Void methods block with `.Wait()` and `Task.WaitAll(array)`; they become `async Task` and their
// static and instance callers await them.
using System;

namespace Mailer
{
    public static class Program
    {
        public static void Main()
        {
            var outbox = new Outbox();
            Campaign.Send(outbox, new[] { "ann", "ben", "cy" });
            outbox.Flush();
            Console.WriteLine("sent: " + string.Join(",", outbox.Sent));
        }
    }
}
