using System.Collections.Generic;
using System.Threading.Tasks;
using Shop.Core.Models;

namespace Shop.Core.Data;

/// <summary>
/// Access to orders stored by the remote order service.
/// </summary>
/// <remarks>
/// The only implementation is <see cref="OrderRepository"/>; tests use a fake.
/// </remarks>
public interface IOrderRepository
{
    /// <summary>Loads one order.</summary>
    /// <returns>The order, or <c>null</c> when it does not exist.</returns>
    Task<Order?> GetOrderAsync(int id);

    /// <summary>Loads every order still waiting for payment or stock.</summary>
    Task<IReadOnlyList<Order>> GetPendingOrdersAsync();

    /// <summary>Number of pending orders (used for the dashboard badge).</summary>
    int CountPending();

    /// <summary>Creates or updates an order.</summary>
    Task SaveAsync(Order order);

    /// <summary>Downloads the CSV export of one order.</summary>
    /// <returns>The raw CSV bytes, UTF-8 encoded.</returns>
    Task<byte[]> ExportAsync(int id);
}
