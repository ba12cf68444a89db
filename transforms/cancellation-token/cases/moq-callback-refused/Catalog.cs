// case: left-alone
// A Moq callback that takes the member's parameters (`.Callback<int>(…)`, `.Returns((int id) => …)`) is checked
// against the member's parameter count when the test runs; it cannot take an any-matcher for a new parameter.
// So the member gets no token, and the chain is reported.
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Moq;

public interface IStockSource
{
    Task<int> GetStockAsync(int productId);
}

public class HttpStockSource : IStockSource
{
    private readonly HttpClient _http = new HttpClient();

    public async Task<int> GetStockAsync(int productId) => int.Parse(await _http.GetStringAsync("https://stock/" + productId));
}

public class Warehouse
{
    private readonly IStockSource _stock;

    public Warehouse(IStockSource stock) => _stock = stock;

    public async Task<int> AvailableAsync(int productId, CancellationToken cancellationToken) => await _stock.GetStockAsync(productId);
}

public class WarehouseTests
{
    public async Task Asks_the_source()
    {
        var asked = new List<int>();
        var stock = new Mock<IStockSource>();
        stock.Setup(s => s.GetStockAsync(It.IsAny<int>())).Callback<int>(id => asked.Add(id)).ReturnsAsync(3);
        await new Warehouse(stock.Object).AvailableAsync(7, CancellationToken.None);
    }
}
