// case: rewrite
// args: --allow-boundaries
// oracle: run
// The `.Result` is two calls below a `catch (AggregateException)` in Main. Whatever the tool does
// to the chain, the failure must still be caught there: the output and exit code must not change.
using System;

namespace Sync
{
    public static class Program
    {
        public static int Main()
        {
            var job = new SyncJob(new RemoteStore());
            try
            {
                Console.WriteLine("synced " + job.Run("alpha"));
                Console.WriteLine("synced " + job.Run("broken"));
                return 0;
            }
            catch (AggregateException ae)
            {
                Console.WriteLine("sync failed: " + ae.InnerException.Message);
                return 3;
            }
        }
    }
}
