// case: rewrite
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shop
{
    public class Store<T> where T : new()
    {
        private Task<List<T>> LoadAllAsync() => Task.FromResult(new List<T> { new T() });

        public List<T> LoadAll()
        {
            List<T> items = LoadAllAsync().Result;
            return items;
        }

        public int Count() => LoadAll().Count;
    }
}
