// EF's async operators are extension methods of Microsoft.EntityFrameworkCore: this file has no `using` of it,
// but GlobalUsings.cs imports it into the whole project, so the query switches here too.
namespace Shop.Data
{
    public class OrderCounts
    {
        private readonly ShopContext _db;

        public OrderCounts(ShopContext db)
        {
            _db = db;
        }

        public async Task<int> OpenAsync(CancellationToken cancellationToken)
        {
            await Task.Yield();
            return _db.Orders.Count(o => o.Open);
        }
    }
}
