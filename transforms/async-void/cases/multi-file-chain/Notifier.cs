// case: rewrite
using System.Threading.Tasks;

namespace Shop.Notifications
{
    public class Notifier
    {
        public async void Notify(int orderId)
        {
            await Task.Delay(orderId);
        }
    }
}
