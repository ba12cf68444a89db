// case: rewrite
// Mutual recursion: both methods are on the path, the token goes round the cycle.
using System.Threading;
using System.Threading.Tasks;

public class Crawler
{
    public async Task CrawlAsync(string url, int depth, CancellationToken ct)
    {
        await VisitAsync(url, depth);
    }

    private async Task VisitAsync(string url, int depth)
    {
        if (depth == 0)
        {
            return;
        }

        await FollowLinksAsync(url, depth - 1);
    }

    private async Task FollowLinksAsync(string url, int depth)
    {
        await VisitAsync(url + "/next", depth);
        await Task.Delay(10);
    }
}
