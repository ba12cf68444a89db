using System.Threading.Tasks;

namespace Inventory
{
    public class Shelf
    {
        private readonly string _id;

        public Shelf(string id)
        {
            _id = id;
        }

        public int Count
        {
            get { return CountItems(); }
        }

        public string Summary()
        {
            int items = CountItems();
            return "shelf " + _id + " holds " + items + " items" + (items > 10 ? " (full)" : "");
        }

        private int CountItems()
        {
            return Warehouse.QueryAsync(_id).GetAwaiter().GetResult();
        }
    }
}
