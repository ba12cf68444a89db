using System.Threading.Tasks;

namespace Accounts
{
    public partial class AccountService
    {
        private int Balance(string user)
        {
            return QueryAsync(user).Result;
        }

        // Simulated ledger query.
        private static async Task<int> QueryAsync(string user)
        {
            await Task.Delay(1);
            return user.Length * 50;
        }
    }
}
