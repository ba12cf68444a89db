// case: rewrite
// oracle: run
// Two dropped tasks in async methods: a solution method and Task.Delay. The work runs on in-memory stand-ins
// whose tasks complete at once, so the output is the same whether the code drops the tasks (before) or awaits
// them (after); the rewrite must also compile at C# 7.2.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shop
{
    public static class Program
    {
        public static async Task Main()
        {
            var audit = new AuditLog();
            var checkout = new Checkout(audit);
            await checkout.PlaceAsync(7);
            await checkout.PlaceAsync(8);
            Console.WriteLine("audit: " + string.Join(" | ", audit.Entries));
        }
    }

    public class Checkout
    {
        private readonly AuditLog _audit;

        public Checkout(AuditLog audit)
        {
            _audit = audit;
        }

        public async Task PlaceAsync(int orderId)
        {
            Console.WriteLine("placing " + orderId);
            await Task.FromResult(orderId);
            _audit.WriteAsync("placed " + orderId);
            Task.Delay(0);
            Console.WriteLine("placed " + orderId);
        }
    }

    public class AuditLog
    {
        public List<string> Entries { get; } = new List<string>();

        public Task WriteAsync(string entry)
        {
            Entries.Add(entry);
            return Task.FromResult(true);
        }
    }
}
