// case: rewrite
// oracle: run
// Methods that return tasks without being async, but block inside: they become async and their
// `return` statements are fixed (`Task.FromResult(x)` → `x`, `Task.CompletedTask` → `return;`,
// other tasks awaited). An explicit interface implementation changes with its interface. `Owner` stays: its one
// caller has an `out` parameter and would keep the blocking wait, so converting it would only move the wait.
using System;

namespace Ledger
{
    public static class Program
    {
        public static void Main()
        {
            var ledger = new Ledger();
            IBalanceSource source = ledger;
            Console.WriteLine("balance: " + source.Balance("acme"));
            Console.WriteLine("next id: " + ledger.NextId("acme").Result);
            ledger.Close("acme").Wait();
            Console.WriteLine("total: " + ledger.Total(new[] { 3, 4 }).Result);
            string owner;
            if (ledger.TryOwner(7, out owner))
            {
                Console.WriteLine("owner of 7: " + owner);
            }
        }
    }
}
