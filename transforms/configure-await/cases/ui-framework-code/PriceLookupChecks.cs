using System.Threading.Tasks;

namespace Contoso.Widgets
{
    public class PriceLookupChecks
    {
        [Xunit.Fact]
        public async Task FindsAPrice()
        {
            await PriceLookup.FindAsync("a");
        }
    }
}
