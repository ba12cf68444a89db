using System.Threading.Tasks;
using Shop.Data;

namespace Shop.Async
{
    public static class StoreExtensions
    {
        public static async Task SaveAsync(this IStore store, Order order)
        {
            await Task.Yield();
            store.Orders[order.Id] = order;
            store.Journal.Add("save " + order.Id);
        }

        public static async Task<Order> LoadAsync(this IStore store, long id)
        {
            await Task.Yield();
            return store.Load((int)id);
        }

        public static async Task BookAsync(this IStore store, Order order)
        {
            await Task.Yield();
            store.Journal.Add("book " + order.Id);
        }
    }

    public static class OrderArchive
    {
        public static async Task ArchiveAsync(this Order order)
        {
            await Task.Yield();
            order.Log += "archived;";
        }
    }
}
