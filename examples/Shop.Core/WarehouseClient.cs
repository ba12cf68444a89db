using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;
using Shop.Core.Models;

namespace Shop.Core.Inventory;

/// <summary>
/// Typed HTTP client for the warehouse API (catalog, stock levels, sites).
/// </summary>
public class WarehouseClient
{
    private readonly HttpClient _http;

    public WarehouseClient(HttpClient http)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
    }

    /// <summary>Fetches one catalog entry.</summary>
    /// <exception cref="InvalidOperationException">The product does not exist.</exception>
    public async Task<Product> GetProductAsync(int productId)
    {
        Product? product = await _http.GetFromJsonAsync<Product>($"products/{productId}");
        return product ?? throw new InvalidOperationException($"Unknown product {productId}.");
    }

    /// <summary>Units on hand across all warehouses.</summary>
    public async Task<int> GetStockAsync(int productId)
    {
        string text = await _http.GetStringAsync($"stock/{productId}");
        return int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
    }

    /// <summary>Names of the warehouses we ship from.</summary>
    public async Task<IReadOnlyList<string>> GetWarehousesAsync()
    {
        string[]? names = await _http.GetFromJsonAsync<string[]>("warehouses");
        return names ?? Array.Empty<string>();
    }

    /// <summary>
    /// Synchronous convenience wrapper, kept for the reporting code that
    /// predates the async API.
    /// </summary>
    [Obsolete("Use GetStockAsync.")]
    public int GetStock(int productId)
    {
        return GetStockAsync(productId).Result;
    }
}
