// case: rewrite
// `.editorconfig` makes CA2007 a warning: the team wants every await of its libraries configured, even in a
// library only a web application runs.
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

    public interface IDb
    {
        Task OpenAsync();
        Task<int> ScalarAsync(string sql);
    }
}
