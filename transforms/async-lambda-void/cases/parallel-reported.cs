// case: left-alone
using System.Collections.Generic;
using System.Threading.Tasks;

public class Crawler
{
    public void Crawl(string[] urls, List<string> more)
    {
        Parallel.For(0, urls.Length, async i => await FetchAsync(urls[i]));
        Parallel.Invoke(async () => await FetchAsync("a"), async () => await FetchAsync("b"));
        // bounded-fanout's site: not reported here as well.
        Parallel.ForEach(more, async url => await FetchAsync(url));
    }

    private Task FetchAsync(string url) => Task.CompletedTask;
}
