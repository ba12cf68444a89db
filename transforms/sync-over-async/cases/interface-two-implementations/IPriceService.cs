// case: rewrite
namespace Shop.Pricing
{
    public interface IPriceService
    {
        decimal GetPrice(int productId);
    }
}
