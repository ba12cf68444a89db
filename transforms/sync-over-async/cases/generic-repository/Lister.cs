using System.Collections.Generic;
using Shop.Data;

namespace Shop
{
    public class Lister<T>
    {
        private readonly IRepository<T> _repository;

        public Lister(IRepository<T> repository)
        {
            _repository = repository;
        }

        public List<T> All()
        {
            return _repository.ListAsync().Result;
        }

        public int Count() => All().Count;
    }
}
