// case: rewrite
// args: --allow-boundaries
// oracle: run
// A retry loop whose catch filter asks a policy that blocks on `.Result`. `await` is not allowed
// in a catch filter (CS7094), so that call must keep a blocking wait while the policy becomes async.
using System;

namespace Retry
{
    public static class Program
    {
        public static void Main()
        {
            var client = new FlakyClient(failures: 2);
            var runner = new RetryRunner(new RetryPolicy(maxAttempts: 3));
            Console.WriteLine("result: " + runner.Run(client));
        }
    }
}
