// case: rewrite
// oracle: run
// An async report loads each store of a field typed `IList<IStore>` with the synchronous `Load`; the store
// declares `LoadAsync` with the same parameters and an optional token. The loop variable's type is the list's
// element type, so the call resolves, and it becomes `await store.LoadAsync(…, token)`.
using System;
using System.Collections.Generic;
using System.Threading;

namespace Shop
{
    public static class Program
    {
        public static void Main()
        {
            var report = new Report(new List<IStore> { new MemoryStore("a"), new MemoryStore("b") });
            Console.WriteLine(report.BuildAsync(CancellationToken.None).GetAwaiter().GetResult());
        }
    }
}
