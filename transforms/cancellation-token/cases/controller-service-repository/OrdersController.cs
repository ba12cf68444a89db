// case: rewrite
// Controller → service → repository → EF Core and HttpClient: actions get the request's token,
// every method on the way gets a parameter, and every leaf call gets the token.
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace Shop.Web;

[ApiController]
[Route("api/orders")]
public class OrdersController : ControllerBase
{
    private readonly OrderService _service;

    public OrdersController(OrderService service) => _service = service;

    [HttpGet("{id}")]
    public async Task<ActionResult<Order>> Get(int id)
    {
        Order? order = await _service.FindAsync(id);
        return order is null ? NotFound() : order;
    }

    [HttpGet]
    public async Task<IReadOnlyList<Order>> List() => await _service.RecentAsync();

    [HttpPost]
    public async Task<IActionResult> Create(Order order)
    {
        await _service.CreateAsync(order);
        return Ok();
    }

    [HttpGet("health")]
    public IActionResult Health() => Ok("fine");
}
