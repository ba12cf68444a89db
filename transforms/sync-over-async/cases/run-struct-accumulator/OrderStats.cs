using System.Threading.Tasks;

namespace Stats
{
    public struct OrderStats
    {
        public int Count;
        public decimal Sum;

        public void Record(int orderId)
        {
            Sum += PriceBook.LookupAsync(orderId).Result;
            Count++;
        }

        public override string ToString() => Count + " orders, " + Sum;
    }

    public static class PriceBook
    {
        // Simulated price lookup.
        public static async Task<decimal> LookupAsync(int orderId)
        {
            await Task.Delay(1);
            return orderId * 2.5m;
        }
    }
}
