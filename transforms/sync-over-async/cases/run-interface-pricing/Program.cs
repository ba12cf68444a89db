// case: rewrite
// oracle: run
// Prices come through an interface with two implementations, one decorating the other;
// the catalog implementation blocks on `.Result`, so the interface and both implementations change together.
using System;

namespace Pricing
{
    public static class Program
    {
        public static void Main()
        {
            IPriceSource catalog = new CatalogPriceSource();
            IPriceSource sale = new DiscountPriceSource(catalog, 20);
            string[] basket = { "apple", "pear", "plum" };
            Console.WriteLine(catalog.Name + " total: " + Checkout.Total(catalog, basket));
            Console.WriteLine(sale.Name + " total: " + Checkout.Total(sale, basket));
        }
    }
}
