using System.Collections.Generic;
using System.Threading.Tasks;

namespace Transfer
{
    public class Bank
    {
        private readonly Dictionary<string, int> _balances = new Dictionary<string, int>
        {
            ["acct-1"] = 100,
            ["acct-2"] = 40,
        };

        public List<string> Log { get; } = new List<string>();

        public string Move(string from, string to, int amount)
        {
            int total = GetBalanceAsync(from).Result + GetBalanceAsync(to).Result;
            int left = SetBalanceAsync(from, GetBalanceAsync(from).Result - amount).Result;
            int right = SetBalanceAsync(to, GetBalanceAsync(to).Result + amount).Result;
            return "moved " + amount + ": " + left + " + " + right + " = " + (left + right) + " (was " + total + ")";
        }

        // Simulated account service.
        private async Task<int> GetBalanceAsync(string account)
        {
            await Task.Delay(1);
            Log.Add("get:" + account);
            return _balances[account];
        }

        private async Task<int> SetBalanceAsync(string account, int value)
        {
            await Task.Delay(1);
            Log.Add("set:" + account);
            _balances[account] = value;
            return value;
        }
    }
}
