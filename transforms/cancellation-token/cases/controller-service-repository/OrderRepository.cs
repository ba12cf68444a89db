using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Shop.Web;

public class ShopDbContext : DbContext
{
    public DbSet<Order> Orders { get; set; } = null!;
}

public class OrderRepository
{
    private readonly ShopDbContext _db;

    public OrderRepository(ShopDbContext db) => _db = db;

    public async Task<Order?> FindAsync(int id)
    {
        return await _db.Orders.AsNoTracking().Where(o => o.Id == id).FirstOrDefaultAsync();
    }

    public async Task<IReadOnlyList<Order>> RecentAsync(int count)
    {
        return await _db.Orders.OrderByDescending(o => o.Id).Take(count).ToListAsync();
    }

    public async Task AddAsync(Order order)
    {
        _db.Orders.Add(order);
        await _db.SaveChangesAsync();
    }
}
