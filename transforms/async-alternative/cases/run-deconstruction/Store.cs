using System.Threading.Tasks;

namespace Shop.Data
{
    public class Order
    {
        public int Id;
        public string Log = "";

        public void Save(string note)
        {
            Log += note + ";";
        }

        public async Task SaveAsync(string note)
        {
            await Task.Yield();
            Log += note + ";";
        }
    }

    public class Customer
    {
        public string Name;
        public string Log = "";

        public void Notify(string note)
        {
            Log += note + ";";
        }

        public async Task NotifyAsync(string note)
        {
            await Task.Yield();
            Log += note + ";";
        }
    }

    public static class Orders
    {
        public static (Order, Customer) Split(int id)
        {
            return (new Order { Id = id }, new Customer { Name = "c" + id });
        }
    }
}
