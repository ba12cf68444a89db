using System.Threading.Tasks;

namespace Contoso.Warmup
{
    // A file that never calls the helper may not see its namespace: it gets ConfigureAwait(false).
    public class Warmer
    {
        public async Task WarmAsync(Contoso.Cache.CacheClient client)
        {
            await client.GetAsync("warm");
        }
    }
}
