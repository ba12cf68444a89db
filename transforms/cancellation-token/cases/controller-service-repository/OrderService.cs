using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shop.Web;

public class OrderService
{
    private readonly OrderRepository _repository;
    private readonly ShippingClient _shipping;

    public OrderService(OrderRepository repository, ShippingClient shipping)
    {
        _repository = repository;
        _shipping = shipping;
    }

    public Task<Order?> FindAsync(int id) => _repository.FindAsync(id);

    public async Task<IReadOnlyList<Order>> RecentAsync()
    {
        return await _repository.RecentAsync(10);
    }

    public async Task CreateAsync(Order order)
    {
        await _repository.AddAsync(order);
        order.ShippingQuote = await _shipping.QuoteAsync(order.Id);
    }
}
