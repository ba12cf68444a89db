using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Shop.Core.Inventory;
using Shop.Core.Models;

namespace Shop.Core.Pricing;

/// <summary>
/// Default <see cref="IPriceService"/>: net prices come from the warehouse
/// catalog, VAT and exchange rates from the finance API.
/// </summary>
public class PriceService : IPriceService
{
    private readonly HttpClient _http;
    private readonly WarehouseClient _catalog;
    private readonly ConcurrentDictionary<int, decimal> _netPrices = new ConcurrentDictionary<int, decimal>();
    private decimal? _vatRate;

    public PriceService(HttpClient http, WarehouseClient catalog)
    {
        _http = http;
        _catalog = catalog;
    }

    /// <inheritdoc />
    public decimal VatRate
    {
        get
        {
            // Loaded lazily on first use.
            if (_vatRate is null)
            {
                _vatRate = LoadVatRateAsync().Result;
            }

            return _vatRate.Value;
        }
    }

    /// <inheritdoc />
    public decimal GetPrice(int productId)
    {
        if (!_netPrices.TryGetValue(productId, out decimal net))
        {
            net = _catalog.GetProductAsync(productId).Result.Price;
            _netPrices[productId] = net;
        }

        return Math.Round(net * (1 + VatRate), 2, MidpointRounding.AwayFromZero);
    }

    /// <inheritdoc />
    public async Task RefreshPricesAsync(IEnumerable<int> productIds)
    {
        var tasks = new List<Task>();
        foreach (int productId in productIds)
        {
            tasks.Add(FetchPriceAsync(productId));
        }

        await Task.WhenAll(tasks);
    }

    /// <inheritdoc />
    public async Task<string> GetExchangeRatesAsync(string currency, CancellationToken cancellationToken)
    {
        // The rates API allows ten calls a second; stay well below that.
        await Task.Delay(100);

        string url = $"https://rates.example.com/latest?base={Uri.EscapeDataString(currency)}";
        return await _http.GetStringAsync(url);
    }

    private async Task FetchPriceAsync(int productId)
    {
        Product product = await _catalog.GetProductAsync(productId);
        _netPrices[productId] = product.Price;
    }

    private async Task<decimal> LoadVatRateAsync()
    {
        string text = await _http.GetStringAsync("finance/vat-rate");
        return decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
    }
}
