using System.Threading.Tasks;

namespace Shop
{
    public class OrderRepository
    {
        // Simulated I/O: a short delay, then a price computed from the id.
        private async Task<decimal> LoadTotalAsync(int id)
        {
            await Task.Delay(1);
            return id * 10.5m;
        }

        public decimal GetTotal(int id)
        {
            return LoadTotalAsync(id).Result;
        }
    }
}
