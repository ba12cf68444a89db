// case: rewrite
// C# 8 lets a lambda parameter hide the token's name: the call inside that lambda is reported
// instead of being handed the wrong value; the call outside gets the token.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

public class Batch
{
    public async Task<int[]> RunAsync(IEnumerable<int> counts, CancellationToken ct)
    {
        await Task.Delay(1);
        return await Task.WhenAll(counts.Select(async ct =>
        {
            await Task.Delay(100);
            return ct;
        }));
    }
}
