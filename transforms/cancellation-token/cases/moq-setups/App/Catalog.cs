// case: rewrite
// A member that gains a token is configured by Moq in the tests. Moq reads the setup as an expression tree,
// where an optional argument cannot be left out (CS0854): every Setup and Verify of the member gets
// `It.IsAny<CancellationToken>()` in the same run. Setups of another type's member of the same name stay as
// they are.
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Shop;

public interface IPriceSource
{
    Task<decimal> GetPriceAsync(int productId);
}

public class HttpPriceSource : IPriceSource
{
    private readonly HttpClient _http = new HttpClient();

    public async Task<decimal> GetPriceAsync(int productId) =>
        decimal.Parse(await _http.GetStringAsync("https://prices/" + productId));
}

public interface ILegacyPrices
{
    Task<decimal> GetPriceAsync(int productId);
}

public class Catalog
{
    private readonly IPriceSource _prices;

    public Catalog(IPriceSource prices) => _prices = prices;

    public async Task<decimal> TotalAsync(int[] ids, CancellationToken cancellationToken)
    {
        decimal total = 0;
        foreach (int id in ids)
        {
            total += await _prices.GetPriceAsync(id);
        }
        return total;
    }
}
