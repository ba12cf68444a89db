using Shop.Export;

namespace Shop
{
    public class Runner
    {
        public void Run(Exporter exporter)
        {
            exporter.Export("orders");
        }
    }
}
