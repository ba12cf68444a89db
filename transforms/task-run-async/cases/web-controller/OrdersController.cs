// case: rewrite
// ASP.NET Core: no SynchronizationContext, so a Task.Run around a call that only starts async I/O hands it to
// another pool thread for nothing. The call is awaited directly; an outer ConfigureAwait stays, the inner one
// of an async lambda (which configured only the lambda's own end) goes with the lambda.
using System.Threading.Tasks;

namespace Shop
{
    public interface IOrders
    {
        Task<string> LoadAsync(int id);
        Task SaveAsync(string order);
    }

    public class OrdersController
    {
        private readonly IOrders _orders;

        public OrdersController(IOrders orders) => _orders = orders;

        public async Task<string> Get(int id)
        {
            var order = await Task.Run(() => _orders.LoadAsync(id));
            await Task.Run(async () => await _orders.SaveAsync(order).ConfigureAwait(false)).ConfigureAwait(false);
            await Task.Run(async () =>
            {
                await _orders.SaveAsync(order);
            });
            return await Task.Run(() =>
            {
                return _orders.LoadAsync(id + 1);
            });
        }

        public Task<string> Peek(int id) => PeekAsync(id);

        private async Task<string> PeekAsync(int id) => await Task.Run<string>(() => _orders.LoadAsync(id));
    }
}
