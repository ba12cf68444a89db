// case: rewrite
// oracle: run
// Legacy code fires `async void Upload` per file and waits on a CountdownEvent the uploads signal.
// After the rewrite each upload is awaited; the event is then already set. Only what both versions
// guarantee is printed: lines written before the first await, and the sorted results after the wait.
using System;

namespace Uploads
{
    public static class Program
    {
        public static void Main()
        {
            var batch = new UploadBatch(new[] { "c.png", "a.png", "b.png" });
            batch.Run();
            Console.WriteLine("uploaded: " + string.Join(",", batch.Results()));
        }
    }
}
