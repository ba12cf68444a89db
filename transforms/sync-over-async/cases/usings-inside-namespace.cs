// case: rewrite
// The usings sit inside the file's one namespace block, indented and sorted: the new one joins them there.
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
            Console.WriteLine(id);
        }
    }

    public interface IOrderStore
    {
        System.Threading.Tasks.Task SaveAsync(int id);
    }
}
