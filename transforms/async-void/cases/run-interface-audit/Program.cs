// case: rewrite
// oracle: run
// An interface method implemented once as `async void` (guarded by an uncontended SemaphoreSlim, whose
// WaitAsync completes at once) and once synchronously; the interface, both implementations and the
// callers through the interface change together.
using System;

namespace Audit
{
    public static class Program
    {
        public static void Main()
        {
            var memory = new MemorySink();
            IAuditSink[] sinks = { new ConsoleSink(), memory };
            var auditor = new Auditor(sinks);
            auditor.Record("login", "ann");
            auditor.Record("logout", "ann");
            Console.WriteLine("memory: " + string.Join(";", memory.Entries));
        }
    }
}
