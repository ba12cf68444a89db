// case: rewrite
// oracle: run
// A generic method's result has the type its call fixes: `Cache.Get<Order>(key)` by its type argument,
// `Copies.Same(order)` and `Copies.Same(new Order …)` by an argument of a written type (`T Same<T>(T item)`). Each
// is an `Order`, whose `Save` has an async sibling, so those calls become `await …SaveAsync(…)`. `Copies.Same(Pick())`
// is left: the argument's type is not written, and the index does not guess what the compiler would infer.
using System;
using Shop.Data;

namespace Shop
{
    public static class Program
    {
        public static void Main()
        {
            Cache.Put("current", new Order { Id = 2 });
            var order = new Order { Id = 1 };
            Console.WriteLine(new Checkout().CloseAsync(order).GetAwaiter().GetResult());
        }
    }
}
