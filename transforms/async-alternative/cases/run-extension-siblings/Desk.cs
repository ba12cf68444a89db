using System.Threading.Tasks;
using Shop.Async;
using Shop.Data;

namespace Shop
{
    public class Desk
    {
        private readonly IStore _store;

        public Desk(IStore store)
        {
            _store = store;
        }

        public async Task<string> HandleAsync(Order order)
        {
            await Task.Yield();
            _store.Save(order);
            var loaded = _store.Load(order.Id);
            loaded.Archive();
            var special = new SpecialStore();
            special.Save(order);
            return string.Join(",", _store.Journal) + " " + loaded.Log + " " + string.Join(",", special.Journal);
        }
    }
}
