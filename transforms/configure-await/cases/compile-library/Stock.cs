// case: rewrite
// oracle: compile
// A published library at C# 7.2: every configured await must still compile (Task, Task<T>, a local, a
// conditional in parentheses, a cast, an await inside an expression and inside a lambda).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Contoso.Inventory
{
    public interface IWarehouse
    {
        Task<int> CountAsync(string sku);
        Task ReserveAsync(string sku, int quantity);
    }

    public class Stock
    {
        private readonly IWarehouse _warehouse;
        private readonly Dictionary<string, Task<int>> _counts = new Dictionary<string, Task<int>>();

        public Stock(IWarehouse warehouse)
        {
            _warehouse = warehouse;
        }

        public async Task<bool> ReserveAsync(string sku, int quantity, bool cached)
        {
            Task<int> pending;
            if (!_counts.TryGetValue(sku, out pending))
            {
                pending = _warehouse.CountAsync(sku);
                _counts[sku] = pending;
            }
            int available = await (cached ? pending : _warehouse.CountAsync(sku));
            if (available < quantity)
            {
                return false;
            }
            await _warehouse.ReserveAsync(sku, quantity);
            object boxed = Task.Delay(1);
            await (Task)boxed;
            Func<Task<int>> recount = async () => await _warehouse.CountAsync(sku) - quantity;
            return await recount() >= 0 && await Task.FromResult(true);
        }
    }
}
