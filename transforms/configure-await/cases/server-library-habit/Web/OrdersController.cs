using System.Threading.Tasks;

namespace Web
{
    public class OrdersController
    {
        private readonly Data.OrderRepository _orders;

        public OrdersController(Data.OrderRepository orders) => _orders = orders;

        public async Task<int> Count() => await _orders.CountAsync();
    }
}
