using System.Threading.Tasks;
using Shop.Data;

namespace Shop
{
    public static class Ledger
    {
        public static async Task<string> BookAsync(IStore store, Order order)
        {
            await Task.Yield();
            store.Book(order);
            return string.Join(",", store.Journal);
        }
    }
}
