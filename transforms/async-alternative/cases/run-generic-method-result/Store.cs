using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shop.Data
{
    public class Order
    {
        public int Id;
        public string Saved = "";

        public void Save(string note)
        {
            Saved += note + ";";
        }

        public async Task SaveAsync(string note)
        {
            await Task.Yield();
            Saved += note + ";";
        }
    }

    public static class Cache
    {
        private static readonly Dictionary<string, object> Items = new Dictionary<string, object>();

        public static void Put(string key, object value)
        {
            Items[key] = value;
        }

        public static T Get<T>(string key) where T : class
        {
            return (T)Items[key];
        }
    }

    public static class Copies
    {
        public static T Same<T>(T item)
        {
            return item;
        }
    }
}
