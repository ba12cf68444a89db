// case: rewrite
using System.Threading.Tasks;

namespace Shop.Data
{
    public class WarehouseClient
    {
        public Task<int> FetchStockAsync(int id) => Task.FromResult(id * 2);

        public int GetStock(int id)
        {
            return FetchStockAsync(id).Result;
        }
    }
}
