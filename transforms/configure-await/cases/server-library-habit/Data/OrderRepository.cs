// case: rewrite
// A library only a web application runs: no SynchronizationContext, so ConfigureAwait(false) changes nothing
// at run time. This file configures its awaits as a habit, and the one await that missed it is completed;
// CustomerRepository.cs never configures, and stays as it is (no site).
using System.Threading.Tasks;

namespace Data
{
    public class OrderRepository
    {
        private readonly IDb _db;

        public OrderRepository(IDb db) => _db = db;

        public async Task<int> CountAsync()
        {
            await _db.OpenAsync().ConfigureAwait(false);
            return await _db.ScalarAsync("select count(*) from orders").ConfigureAwait(false);
        }

        public async Task DeleteAsync(int id)
        {
            await _db.OpenAsync().ConfigureAwait(false);
            await _db.ExecuteAsync("delete from orders where id = " + id);
        }
    }

    public interface IDb
    {
        Task OpenAsync();
        Task<int> ScalarAsync(string sql);
        Task ExecuteAsync(string sql);
    }
}
