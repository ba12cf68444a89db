// case: left-alone
// oracle: run
// The importer catches `AggregateException` around `.Wait()`: `await` would throw the inner exception
// past that catch, so the wait must stay.
using System;

namespace Import
{
    public static class Program
    {
        public static void Main()
        {
            var importer = new Importer();
            Console.WriteLine("imported: " + importer.ImportAll(new[] { "a.csv", "bad.csv", "c.csv" }));
        }
    }
}
