using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Shop.Core.Data;
using Shop.Core.Inventory;
using Shop.Core.Models;
using Shop.Core.Notifications;
using Shop.Core.Pricing;
using Shop.Core.Reporting;

namespace Shop.Web.Controllers;

/// <summary>Order, quote and report endpoints for the storefront.</summary>
[ApiController]
[Route("api/[controller]")]
[Produces("application/json")]
public sealed class OrdersController : ControllerBase
{
    private readonly IOrderRepository _orders;
    private readonly IPriceService _prices;
    private readonly InventoryService _inventory;
    private readonly ReportBuilder _reports;
    private readonly EmailNotifier _notifier;

    public OrdersController(IOrderRepository orders, IPriceService prices, InventoryService inventory, ReportBuilder reports, EmailNotifier notifier)
    {
        _orders = orders;
        _prices = prices;
        _inventory = inventory;
        _reports = reports;
        _notifier = notifier;
    }

    /// <summary>GET api/orders/5</summary>
    [HttpGet("{id:int}")]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<Order>> Get(int id, CancellationToken cancellationToken)
    {
        Order? order = await _orders.GetOrderAsync(id);
        ActionResult<Order> lookup = RequireFound(order);
        if (lookup.Result is not null)
        {
            // Not found: hand back the NotFound result, not a task.
            return lookup.Result;
        }

        return order!;
    }

    /// <summary>GET api/orders/5/summary</summary>
    [HttpGet("{id:int}/summary")]
    public ActionResult<string> GetSummary(int id)
    {
        string summary = _reports.BuildOrderSummary(id);
        return Ok(summary);
    }

    /// <summary>GET api/orders/inventory-report?productIds=1&amp;productIds=2</summary>
    [HttpGet("inventory-report")]
    public ActionResult<string> InventoryReport([FromQuery] int[] productIds) => _reports.BuildInventoryReport(productIds);

    /// <summary>GET api/orders/quote?productId=7&amp;quantity=3</summary>
    [HttpGet("quote")]
    public IActionResult Quote(int productId, int quantity)
    {
        decimal unitPrice = _prices.GetPrice(productId);
        return Ok(new { productId, quantity, total = unitPrice * quantity });
    }

    /// <summary>GET api/orders/stock/7</summary>
    [HttpGet("stock/{productId:int}")]
    public ActionResult<int> GetStock(int productId) => _inventory.GetCachedStock(productId);

    /// <summary>POST api/orders</summary>
    [HttpPost]
    public async Task<ActionResult<Order>> Create([FromBody] Order order)
    {
        var outcome = OrderRules.Validate(order);
        if (!outcome.IsValid)
        {
            return BadRequest(outcome.Result);
        }

        await _orders.SaveAsync(order);
        _notifier.SendConfirmationAsync(order);
        return CreatedAtAction(nameof(Get), new { id = order.Id }, order);
    }

    /// <summary>POST api/orders/notify-pending: mails the back-office digest.</summary>
    [HttpPost("notify-pending")]
    public IActionResult NotifyPending()
    {
        IReadOnlyList<Order> pending = _orders.GetPendingOrdersAsync().GetAwaiter().GetResult();
        _notifier.NotifyAll(pending);
        return Accepted();
    }

    /// <summary>GET api/orders/5/export</summary>
    [HttpGet("{id:int}/export")]
    public async Task<IActionResult> Export(int id, CancellationToken cancellationToken)
    {
        byte[] csv = await _reports.ExportOrderAsync(id);
        return File(csv, "text/csv", $"order-{id}.csv");
    }

    private ActionResult<Order> RequireFound(Order? order)
    {
        if (order is null)
        {
            return NotFound();
        }

        return order;
    }
}
