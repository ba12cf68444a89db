// case: rewrite
// args: --all-transforms
// cancellation-token would pass the request's token to Task.Run; Task.Run is unwrapped in the same run, so
// the token goes to the call itself instead, which takes one.
using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public interface ISearch
    {
        Task<string[]> FindAsync(string text, CancellationToken token = default);
    }

    public class SearchController
    {
        private readonly ISearch _search;

        public SearchController(ISearch search) => _search = search;

        public async Task<string[]> Get(string q, CancellationToken cancellationToken)
        {
            return await Task.Run(() => _search.FindAsync(q));
        }
    }
}
