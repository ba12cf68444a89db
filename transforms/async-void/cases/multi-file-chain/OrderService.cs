using Shop.Notifications;

namespace Shop.Orders
{
    public class OrderService
    {
        private readonly Notifier _notifier = new Notifier();

        public void Place(int orderId)
        {
            _notifier.Notify(orderId);
        }
    }
}
