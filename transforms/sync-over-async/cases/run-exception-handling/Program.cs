// case: rewrite
// oracle: run
// Failures surface through `catch (Exception)` and are logged with `GetBaseException()`, which reads
// the same whether the exception arrives wrapped (`.Result`) or not (`await`).
using System;

namespace Orders
{
    public static class Program
    {
        public static void Main()
        {
            var processor = new OrderProcessor(new LineParser());
            string[] lines = { "2 x 3.50", "oops", "1 x 10" };
            decimal total = 0;
            foreach (string line in lines)
            {
                try
                {
                    decimal amount = processor.Process(line);
                    Console.WriteLine("ok " + line + " -> " + amount);
                    total += amount;
                }
                catch (Exception ex)
                {
                    Console.WriteLine("failed " + line + ": " + ex.GetBaseException().Message);
                }
                finally
                {
                    Console.WriteLine("  processed " + line);
                }
            }
            Console.WriteLine("total " + total);
        }
    }
}
