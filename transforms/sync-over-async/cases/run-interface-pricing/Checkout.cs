using System;

namespace Pricing
{
    public static class Checkout
    {
        public static decimal Total(IPriceSource source, string[] skus)
        {
            decimal total = 0;
            foreach (string sku in skus)
            {
                decimal price = source.GetPrice(sku);
                Console.WriteLine("  " + source.Name + " " + sku + " = " + price);
                total += price;
            }
            return total;
        }
    }
}
