// case: rewrite
using Microsoft.AspNetCore.Mvc;
using Shop.Services;

namespace Shop.Web.Controllers
{
    [ApiController]
    [Route("api/orders")]
    public class OrdersController : ControllerBase
    {
        private readonly OrderService _orders;

        public OrdersController(OrderService orders)
        {
            _orders = orders;
        }

        [HttpGet("{id}")]
        public IActionResult Get(int id)
        {
            var summary = _orders.Summary(id);
            return Ok(summary);
        }
    }
}
