using System;
using System.Linq;

namespace Catalog
{
    public class Listing
    {
        private readonly Repository<Product> _repo;

        public Listing(Repository<Product> repo)
        {
            _repo = repo;
        }

        public void Print(int[] ids)
        {
            foreach (int id in ids)
            {
                Product p = _repo.Find(id);
                Console.WriteLine("  " + p);
            }
        }

        public string Names(int[] ids)
        {
            return string.Join(",", ids.Select(id => _repo.Find(id).Name).ToArray());
        }
    }
}
