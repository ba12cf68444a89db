using System.Threading.Tasks;

namespace Data
{
    public class CustomerRepository
    {
        private readonly IDb _db;

        public CustomerRepository(IDb db) => _db = db;

        public async Task<int> CountAsync()
        {
            await _db.OpenAsync();
            return await _db.ScalarAsync("select count(*) from customers");
        }
    }
}
