using System;

namespace Shop
{
    public class OrderService
    {
        private readonly Notifier _notifier;

        public OrderService(Notifier notifier)
        {
            _notifier = notifier;
        }

        public void Place(int orderId, string customer)
        {
            Console.WriteLine("placing " + orderId);
            _notifier.Notify(customer, "order " + orderId + " placed");
            Console.WriteLine("placed " + orderId);
        }
    }
}
