using System.Threading.Tasks;
using Shop.Data;

namespace Shop
{
    public class Desk
    {
        public async Task<string> HandleAsync(int id)
        {
            await Task.Yield();
            var (order, customer) = Orders.Split(id);
            order.Save("saved");
            customer.Notify("told");
            (var first, var who) = Orders.Split(id + 1);
            first.Save("first");
            who.Notify("who");
            return order.Log + customer.Log + first.Log + who.Log;
        }
    }
}
