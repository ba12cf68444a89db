// case: rewrite
// `Task.Run` around synchronous CPU work stays, and the limit is the processor count.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Reports;

public class TotalsCalculator
{
    public async Task PrecomputeAsync(IReadOnlyList<Order> orders)
    {
        // CPU-bound: each order gets its own thread-pool work item.
        await Task.WhenAll(orders.Select(o => Task.Run(() => ComputeTotal(o))));
    }

    public async Task<decimal[]> TotalsAsync(IReadOnlyList<Order> orders)
    {
        return await Task.WhenAll(orders.Select(o => Task.Run(() =>
        {
            decimal sum = 0;
            foreach (var line in o.Lines)
            {
                sum += line;
            }
            return sum;
        })));
    }

    private static void ComputeTotal(Order order) => order.Total = order.Lines.Sum();
}

public class Order
{
    public List<decimal> Lines { get; } = new();
    public decimal Total { get; set; }
}
