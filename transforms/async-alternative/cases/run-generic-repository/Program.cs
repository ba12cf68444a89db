// case: rewrite
// oracle: run
// `Repository<T>.Find` returns `T`; on an `OrderRepository : Repository<Order>` the call's result is an `Order`,
// and `FindAsync` returns `Task<T>`: a task of the same result, so `Find` becomes `await FindAsync`. An
// extension method of the same namespace with an async sibling (`Total`/`TotalAsync`) switches the same way.
using System;

namespace Shop
{
    public static class Program
    {
        public static void Main()
        {
            var checkout = new Checkout(new OrderRepository());
            Console.WriteLine(checkout.DescribeAsync(2).GetAwaiter().GetResult());
        }
    }
}
