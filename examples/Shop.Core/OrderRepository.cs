using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;
using Shop.Core.Models;

namespace Shop.Core.Data;

/// <summary>
/// <see cref="IOrderRepository"/> backed by the order service's REST API.
/// Registered as a typed <see cref="HttpClient"/>.
/// </summary>
public sealed class OrderRepository : IOrderRepository
{
    private const int ChunkSize = 8192;

    private readonly HttpClient _http;

    public OrderRepository(HttpClient http)
    {
        _http = http;
    }

    /// <inheritdoc />
    public async Task<Order?> GetOrderAsync(int id)
    {
        using HttpResponseMessage response = await _http.GetAsync($"api/orders/{id}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<Order>();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Order>> GetPendingOrdersAsync()
    {
        // The order service rate-limits bursts; give it a moment.
        await Task.Delay(50);

        using HttpResponseMessage response = await _http.GetAsync("api/orders?status=pending");
        response.EnsureSuccessStatusCode();
        List<Order>? orders = await response.Content.ReadFromJsonAsync<List<Order>>();
        return orders ?? new List<Order>();
    }

    /// <inheritdoc />
    public int CountPending() => GetPendingOrdersAsync().ConfigureAwait(false).GetAwaiter().GetResult().Count;

    /// <inheritdoc />
    public async Task SaveAsync(Order order)
    {
        using HttpResponseMessage response = await _http.PostAsJsonAsync("api/orders", order);
        response.EnsureSuccessStatusCode();
    }

    /// <inheritdoc />
    public async Task<byte[]> ExportAsync(int id)
    {
        await using Stream stream = await _http.GetStreamAsync($"api/orders/{id}/export");
        using var buffer = new MemoryStream();
        var chunk = new byte[ChunkSize];
        int read;
        while ((read = await stream.ReadAsync(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
