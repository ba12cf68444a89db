using Shop.Data;
using Shop.Services;

namespace Shop.Reports
{
    public class ReportBuilder
    {
        private readonly InventoryService _inventory = new InventoryService(new WarehouseClient());

        public string Build(int[] ids)
        {
            return "Total: " + _inventory.Total(ids);
        }
    }
}
