// case: rewrite
using System.Threading.Tasks;

namespace Shop.Data
{
    public class WarehouseClient
    {
        public Task<int> GetStockAsync(int id) => Task.FromResult(id * 2);

        public int GetStock(int id)
        {
            return GetStockAsync(id).Result;
        }
    }
}
