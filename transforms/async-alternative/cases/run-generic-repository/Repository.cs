using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shop
{
    public class Order
    {
        public int Id;
        public decimal Amount;
    }

    public class Repository<T> where T : class
    {
        protected readonly Dictionary<int, T> Items = new Dictionary<int, T>();

        public T Find(int id)
        {
            return Items[id];
        }

        public Task<T> FindAsync(int id)
        {
            return Task.FromResult(Items[id]);
        }
    }

    public class OrderRepository : Repository<Order>
    {
        public OrderRepository()
        {
            Items[2] = new Order { Id = 2, Amount = 12.5m };
        }
    }

    public static class OrderTotals
    {
        public static decimal Total(this OrderRepository orders, int id)
        {
            return orders.Find(id).Amount * 2;
        }

        public static async Task<decimal> TotalAsync(this OrderRepository orders, int id)
        {
            var order = await orders.FindAsync(id);
            return order.Amount * 2;
        }
    }
}
