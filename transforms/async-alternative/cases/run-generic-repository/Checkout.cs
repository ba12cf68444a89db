using System.Threading.Tasks;

namespace Shop
{
    public class Checkout
    {
        private readonly OrderRepository _orders;

        public Checkout(OrderRepository orders)
        {
            _orders = orders;
        }

        public async Task<string> DescribeAsync(int id)
        {
            await Task.Yield();
            var order = _orders.Find(id);
            var total = _orders.Total(id);
            return "order " + order.Id + ": " + order.Amount + " (x2 = " + total + ")";
        }
    }
}
