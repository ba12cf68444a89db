// case: rewrite
// oracle: run
// An async sibling declared as an extension method in a static class the file sees: `store.Save(o)` on an
// `IStore` becomes `await store.SaveAsync(o)` when `StoreExtensions.SaveAsync(this IStore, Order)` is imported by
// `using Shop.Async;`, and `order.Archive()` (itself an extension) becomes `await order.ArchiveAsync()` through
// `ArchiveExtensions` of another class. Left alone: `Ledger.Book` in a file without the using (the extension is
// not in scope there), `store.Load(id)` whose extension sibling takes other parameters, and `special.Save(o)`
// whose type declares an instance `SaveAsync` (an instance method wins over any extension).
using System;
using Shop.Data;

namespace Shop
{
    public static class Program
    {
        public static void Main()
        {
            var store = new MemoryStore();
            Console.WriteLine(new Desk(store).HandleAsync(new Order { Id = 4 }).GetAwaiter().GetResult());
            Console.WriteLine(Ledger.BookAsync(store, new Order { Id = 5 }).GetAwaiter().GetResult());
        }
    }
}
