// case: rewrite
// oracle: run
// `async void Notify` sits three calls below Main. Its awaits are on an in-memory store whose tasks
// are already complete, so it finishes before returning: the output is the same whether the caller
// fires and forgets (before) or awaits (after).
using System;

namespace Shop
{
    public static class Program
    {
        public static void Main()
        {
            var store = new MessageStore();
            var service = new OrderService(new Notifier(store));
            service.Place(7, "ann");
            service.Place(8, "ben");
            Console.WriteLine("stored: " + string.Join(" | ", store.Messages));
        }
    }
}
