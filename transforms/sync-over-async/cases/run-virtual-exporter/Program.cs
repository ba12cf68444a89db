// case: rewrite
// oracle: run
// A virtual method whose override blocks on `.Wait()`: the base, the override and the caller
// that dispatches through the base type all become async.
using System;

namespace Exporters
{
    public static class Program
    {
        public static void Main()
        {
            var job = new ExportJob();
            Exporter[] exporters = { new Exporter(), new CsvExporter() };
            foreach (Exporter e in exporters)
            {
                job.Run(e, new[] { 4, 8, 15 });
            }
            Console.WriteLine("exports: " + job.Count);
        }
    }
}
