// case: rewrite
// oracle: run
// A report that sums order totals three calls below Main; the repository blocks on `.Result`.
using System;

namespace Shop
{
    public static class Program
    {
        public static void Main(string[] args)
        {
            var report = new ReportService(new OrderRepository());
            Console.WriteLine("report: start");
            string text = report.Build(new[] { 3, 1, 2 });
            Console.WriteLine(text);
            Console.WriteLine("report: done");
        }
    }
}
