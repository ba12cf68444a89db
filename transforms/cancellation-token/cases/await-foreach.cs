// case: rewrite
// `await foreach` over an IAsyncEnumerable<T> enumerates with the token in scope: `.WithCancellation(token)`,
// before a `.ConfigureAwait(false)`. An async iterator of the solution that takes a token gets it as an
// argument instead; one that takes none is left (it could not observe the token). A sequence whose type is
// unknown is reported; one already configured is left as it is.
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

public class Feed
{
    public async IAsyncEnumerable<int> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Delay(1, cancellationToken);
        yield return 1;
    }

    public async IAsyncEnumerable<int> LegacyAsync()
    {
        await Task.Yield();
        yield return 2;
    }
}

public class Consumer
{
    public async Task<int> SumAsync(Feed feed, IAsyncEnumerable<int> extra, dynamic other, CancellationToken cancellationToken)
    {
        int sum = 0;
        await foreach (var x in feed.ReadAsync())
        {
            sum += x;
        }
        await foreach (var y in feed.LegacyAsync())
        {
            sum += y;
        }
        await foreach (var u in extra)
        {
            sum += u;
        }
        await foreach (var z in extra.ConfigureAwait(false))
        {
            sum += z;
        }
        await foreach (var w in extra.WithCancellation(cancellationToken))
        {
            sum += w;
        }
        await foreach (var v in other.Items)
        {
            sum += v;
        }
        return sum;
    }
}
