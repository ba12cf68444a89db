using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Core.Inventory;
using Shop.Core.Models;
using Shop.Core.Notifications;

namespace Shop.Web.Workers;

/// <summary>
/// Every few minutes, matches pending orders against fresh stock and tells
/// the customers whose orders can now ship.
/// </summary>
public sealed class StockSyncWorker : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private readonly IServiceScopeFactory _scopeFactory;
    private readonly ILogger<StockSyncWorker> _logger;

    public StockSyncWorker(IServiceScopeFactory scopeFactory, ILogger<StockSyncWorker> logger)
    {
        _scopeFactory = scopeFactory;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _logger.LogInformation("Stock sync started; interval {Interval}.", Interval);

        while (!stoppingToken.IsCancellationRequested)
        {
            using (IServiceScope scope = _scopeFactory.CreateScope())
            {
                var inventory = scope.ServiceProvider.GetRequiredService<InventoryService>();
                var notifier = scope.ServiceProvider.GetRequiredService<EmailNotifier>();

                try
                {
                    IReadOnlyList<Order> ready = await inventory.SyncAsync();
                    _logger.LogInformation("{Count} orders are ready to ship.", ready.Count);

                    // One e-mail per order, all at once.
                    Parallel.ForEach(ready, async order =>
                    {
                        await notifier.SendStockUpdateAsync(order);
                        _logger.LogDebug("Notified {Email} about order {OrderId}.", order.CustomerEmail, order.Id);
                    });
                }
                catch (HttpRequestException ex)
                {
                    // The warehouse or order API is down; try again next round.
                    _logger.LogWarning(ex, "Stock sync failed.");
                }
            }

            await Task.Delay(Interval);
        }
    }
}
