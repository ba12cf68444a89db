using System.Threading.Tasks;

namespace Feeds
{
    // The library's own async entry point: it calls the digest and the size, so they have a caller that can
    // await them (a library method nothing in the solution calls keeps its signature).
    public static class FeedReport
    {
        public static async Task<string> WriteAsync(NewsSource source)
        {
            await Task.Yield();
            return Digest.Build(source, "world") + source.Size("world");
        }
    }
}
