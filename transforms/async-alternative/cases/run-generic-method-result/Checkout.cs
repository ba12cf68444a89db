using System.Threading.Tasks;
using Shop.Data;

namespace Shop
{
    public class Checkout
    {
        public async Task<string> CloseAsync(Order order)
        {
            await Task.Yield();
            Cache.Get<Order>("current").Save("cached");
            Copies.Same(order).Save("copy");
            var fresh = Copies.Same(new Order { Id = 3 });
            fresh.Save("fresh");
            Copies.Same(Pick(order)).Save("picked");
            return order.Saved + " | " + Cache.Get<Order>("current").Saved + " | " + fresh.Saved;
        }

        private static Order Pick(Order order)
        {
            return order;
        }
    }
}
