using System.Threading.Tasks;

namespace Inventory
{
    public static class Warehouse
    {
        // Simulated database query.
        public static async Task<int> QueryAsync(string shelfId)
        {
            await Task.Delay(1);
            return shelfId.Length * 6;
        }
    }
}
