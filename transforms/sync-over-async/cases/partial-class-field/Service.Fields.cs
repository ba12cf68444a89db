// case: rewrite
namespace Shop
{
    public partial class OrderService
    {
        private readonly OrderRepository _repository = new OrderRepository();
    }
}
