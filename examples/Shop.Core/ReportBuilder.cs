using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Shop.Core.Data;
using Shop.Core.Inventory;
using Shop.Core.Models;

namespace Shop.Core.Reporting;

/// <summary>
/// Builds the plain-text reports shown at start-up and by the API.
/// </summary>
/// <remarks>This file is saved with a BOM and CRLF line endings.</remarks>
public class ReportBuilder
{
    private readonly IOrderRepository _orders;
    private readonly InventoryService _inventory;

    public ReportBuilder(IOrderRepository orders, InventoryService inventory)
    {
        _orders = orders;
        _inventory = inventory;
    }

    /// <summary>Two-column table of stock per product.</summary>
    public string BuildInventoryReport(IEnumerable<int> productIds)
    {
        IDictionary<int, int> levels = _inventory.GetStockLevels(productIds);

        var report = new StringBuilder();
        report.AppendLine("Product  Stock");
        foreach (KeyValuePair<int, int> level in levels)
        {
            report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{level.Key,7}  {level.Value,5}"));
        }

        return report.ToString();
    }

    /// <summary>One-paragraph summary of an order.</summary>
    public string BuildOrderSummary(int id)
    {
        Order? order = _orders.GetOrderAsync(id).Result;
        if (order is null)
        {
            return $"Order #{id} was not found.";
        }

        return RenderOrder(order);
    }

    /// <summary>CSV export of one order, straight from the order service.</summary>
    public Task<byte[]> ExportOrderAsync(int id)
    {
        // No async/await needed: hand the repository's task back as is.
        return _orders.ExportAsync(id);
    }

    /// <summary>Computes <see cref="Order.Total"/> for every order.</summary>
    public async Task PrecomputeTotalsAsync(IReadOnlyList<Order> orders)
    {
        // CPU-bound work, so each order gets its own thread-pool work item.
        await Task.WhenAll(orders.Select(o => Task.Run(() => ComputeTotal(o))));
    }

    private static void ComputeTotal(Order order)
    {
        order.Total = order.Lines.Sum(line => line.UnitPrice * line.Quantity);
    }

    private static string RenderOrder(Order order)
    {
        decimal total = order.Lines.Sum(line => line.UnitPrice * line.Quantity);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Order #{order.Id} for {order.CustomerEmail}: {order.Lines.Count} lines, {total:0.00} total, {order.Status}.");
    }
}
