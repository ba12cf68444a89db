using System;

namespace Exporters
{
    public class ExportJob
    {
        public int Count { get; private set; }

        public void Run(Exporter exporter, int[] rows)
        {
            string text = exporter.Export(rows);
            Count++;
            Console.WriteLine(exporter.GetType().Name + " -> " + text);
        }
    }
}
