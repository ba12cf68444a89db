using Shop.Data;

namespace Shop.Services
{
    public class InventoryService
    {
        private readonly WarehouseClient _client;

        public InventoryService(WarehouseClient client)
        {
            _client = client;
        }

        public int Total(int[] ids)
        {
            int total = 0;
            foreach (int id in ids)
            {
                total += _client.GetStock(id);
            }
            return total;
        }
    }
}
