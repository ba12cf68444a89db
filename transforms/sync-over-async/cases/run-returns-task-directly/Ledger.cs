using System;
using System.Threading.Tasks;

namespace Ledger
{
    public interface IBalanceSource
    {
        decimal Balance(string account);
    }

    public class Ledger : IBalanceSource
    {
        private int _lastId = 100;

        decimal IBalanceSource.Balance(string account) => Db.QueryAsync(account).Result;

        public Task<int> NextId(string account)
        {
            int current = Db.CounterAsync(_lastId).Result;
            _lastId = current + 1;
            return Task.FromResult(current + 1);
        }

        public Task Close(string account)
        {
            Console.WriteLine("closing " + account + " at " + Db.QueryAsync(account).Result);
            return Task.CompletedTask;
        }

        public Task<int> Total(int[] amounts)
        {
            Db.CounterAsync(amounts.Length).Wait();
            return Task.Run(() => amounts[0] + amounts[1]);
        }

        public bool TryOwner(int id, out string owner)
        {
            owner = Owner(id);
            return owner != null;
        }

        private string Owner(int id) => Db.OwnerAsync(id).GetAwaiter().GetResult();
    }

    public static class Db
    {
        // Simulated queries.
        public static async Task<decimal> QueryAsync(string account)
        {
            await Task.Delay(1);
            return account.Length * 100.25m;
        }

        public static Task<int> CounterAsync(int value) => Task.FromResult(value);

        public static async Task<string> OwnerAsync(int id)
        {
            await Task.Delay(1);
            return id == 7 ? "lee" : null;
        }
    }
}
