using System;
using System.Threading.Tasks;

namespace Catalog
{
    public class Product
    {
        public Product(int id, string name, decimal price)
        {
            Id = id;
            Name = name;
            Price = price;
        }

        public int Id { get; }
        public string Name { get; }
        public decimal Price { get; }

        public override string ToString() => "#" + Id + " " + Name + " " + Price;
    }

    public class Repository<T> where T : class
    {
        private readonly Func<int, T> _factory;

        public Repository(Func<int, T> factory)
        {
            _factory = factory;
        }

        public T Find(int id) => FindAsync(id).Result;

        // Simulated database read.
        private async Task<T> FindAsync(int id)
        {
            await Task.Delay(1);
            return _factory(id);
        }
    }
}
