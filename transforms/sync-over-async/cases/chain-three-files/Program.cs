using Shop.Reports;

namespace Shop
{
    public static class Program
    {
        public static void Main(string[] args)
        {
            var builder = new ReportBuilder();
            System.Console.WriteLine(builder.Build(new[] { 1, 2 }));
        }
    }
}
