using System.Threading.Tasks;

namespace Data
{
    public class OrderRepository
    {
        private readonly IDb _db;

        public OrderRepository(IDb db) => _db = db;

        public async Task<int> CountAsync()
        {
            await _db.OpenAsync();
            return await _db.ScalarAsync("select count(*) from orders");
        }
    }

    public interface IDb
    {
        Task OpenAsync();
        Task<int> ScalarAsync(string sql);
    }
}
