using System.Threading.Tasks;

namespace Shop.Services
{
    public class OrderService
    {
        private Task<string> LoadAsync(int id) => Task.FromResult("order " + id);

        public string Summary(int id) => LoadAsync(id).GetAwaiter().GetResult();
    }
}
