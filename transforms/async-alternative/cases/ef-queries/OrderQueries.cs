// case: rewrite
// EF Core in async code: `SaveChanges` and a query rooted in a `DbSet` (`ToList`, `FirstOrDefault`, `Count`)
// become their async forms with the request's token. A query over an in-memory list made queryable, and a
// LINQ-to-objects `ToList`, stay synchronous: EF's async operators would throw on them.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Shop.Data
{
    public class Order
    {
        public int Id { get; set; }
        public bool Open { get; set; }
    }

    public class ShopContext : DbContext
    {
        public DbSet<Order> Orders { get; set; }
    }

    public class OrderQueries
    {
        private readonly ShopContext _db;
        private readonly List<Order> _cache = new List<Order>();

        public OrderQueries(ShopContext db)
        {
            _db = db;
        }

        public async Task<int> CloseAllAsync(CancellationToken cancellationToken)
        {
            var open = _db.Orders.Where(o => o.Open).ToList();
            foreach (var order in open)
            {
                order.Open = false;
            }
            var first = _db.Orders.FirstOrDefault(o => o.Id == 1);
            var left = _db.Orders.Count();
            var cached = _cache.AsQueryable().Where(o => o.Open).ToList();
            var local = _cache.Where(o => o.Open).ToList();
            _db.SaveChanges();
            await Task.Yield();
            return open.Count + left + cached.Count + local.Count + (first == null ? 0 : 1);
        }
    }
}
