// case: rewrite
// args: --allow-boundaries
// oracle: run
// `Flags.Lookup` blocks and becomes async. Its callers that cannot await keep an explicit
// `.GetAwaiter().GetResult()`: a static field initializer, an auto-property initializer, an indexer,
// and lambdas typed `Action<T>` / `Action`; a `Task.Run` lambda becomes async instead.
using System;

namespace FeatureFlags
{
    public static class Program
    {
        public static void Main()
        {
            var panel = new Panel();
            Console.WriteLine("default: " + Panel.DefaultLevel + ", initial: " + panel.Initial);
            Console.WriteLine("indexer: " + panel["beta"]);
            panel.ShowAll();
        }
    }
}
