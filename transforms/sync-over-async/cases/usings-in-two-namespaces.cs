// case: rewrite
// A using inside one namespace block imports only for that block: the new one goes at file level, for both.
namespace Shop.Orders
{
    using System;
    using Shop.Models;

    public class OrderService
    {
        private readonly IOrderStore _store;

        public OrderService(IOrderStore store) { _store = store; }

        public void Confirm(int id)
        {
            _store.SaveAsync(id).Wait();
        }
    }
}

namespace Shop.Models
{
    using System.Threading.Tasks;

    public interface IOrderStore
    {
        Task SaveAsync(int id);
    }
}
