using System.Threading.Tasks;

namespace Contoso.Widgets
{
    public static class PriceLookup
    {
        public static async Task<decimal> FindAsync(string sku)
        {
            await Task.Delay(1);
            return sku.Length;
        }
    }
}
