using Shop.Orders;

namespace Shop
{
    public static class Program
    {
        public static void Main()
        {
            var service = new OrderService();
            service.Place(1);
        }
    }
}
