// case: rewrite
// `foreach (var (o, c) in pairs)` and `foreach ((var o, var c) in pairs)` over a `List<(Order, Customer)>` give `o`
// and `c` the tuple's element types, and over a `Dictionary<Order, Customer>` its key and value types: their
// calls with async siblings become `await …Async(…)`. A pair of a solution type deconstructs through its own
// `Deconstruct`, which the index does not follow: `b.Save()` is left.
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shop
{
    public class Order
    {
        public void Save() { }
        public Task SaveAsync() => Task.CompletedTask;
    }

    public class Customer
    {
        public void Notify() { }
        public Task NotifyAsync() => Task.CompletedTask;
    }

    public class Both
    {
        public void Deconstruct(out Order a, out Order b) { a = b = new Order(); }
    }

    public class Desk
    {
        private readonly Dictionary<Order, Customer> _byOrder = new Dictionary<Order, Customer>();

        public async Task HandleAsync(List<(Order, Customer)> pairs, List<Both> boths)
        {
            await Task.Yield();
            foreach (var (o, c) in pairs)
            {
                o.Save();
                c.Notify();
            }
            foreach ((var o, var c) in pairs)
            {
                o.Save();
            }
            foreach (var (order, customer) in _byOrder)
            {
                customer.Notify();
            }
            foreach (var (a, b) in boths)
            {
                b.Save();
            }
        }
    }
}
