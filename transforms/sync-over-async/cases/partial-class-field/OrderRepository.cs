using System.Threading.Tasks;

namespace Shop
{
    public class OrderRepository
    {
        public Task<int> CountAsync() => Task.FromResult(7);
    }
}
