using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shop.Data
{
    public class Order
    {
        public int Id;
        public string Log = "";
    }

    public interface IStore
    {
        void Save(Order order);
        Order Load(int id);
        void Book(Order order);
        List<string> Journal { get; }
        Dictionary<int, Order> Orders { get; }
    }

    public class MemoryStore : IStore
    {
        public List<string> Journal { get; } = new List<string>();

        public Dictionary<int, Order> Orders { get; } = new Dictionary<int, Order>();

        public void Save(Order order)
        {
            Orders[order.Id] = order;
            Journal.Add("save " + order.Id);
        }

        public Order Load(int id)
        {
            return Orders[id];
        }

        public void Book(Order order)
        {
            Journal.Add("book " + order.Id);
        }
    }

    public class SpecialStore : MemoryStore
    {
        public Task SaveAsync(Order order)
        {
            Journal.Add("special " + order.Id);
            return Task.FromResult(0);
        }
    }

    public static class ArchiveExtensions
    {
        public static void Archive(this Order order)
        {
            order.Log += "archived;";
        }
    }
}
