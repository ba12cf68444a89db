// case: rewrite
// StyleCop order (SA1208, SA1210): System usings first, then the rest alphabetically ignoring case
// (`Indexers` before `IndexerSearch`). The new `using System.Threading;` goes among the System usings.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Shop.Core.Indexers;
using Shop.Core.IndexerSearch;

namespace Shop.Core.IndexerSearch
{
    public class Dispatcher
    {
        public async Task<int[]> SearchAllAsync(IEnumerable<string> queries)
        {
            return await Task.WhenAll(queries.Select(q => SearchAsync(q)));
        }

        private Task<int> SearchAsync(string query) => Task.FromResult(query.Length);
    }
}

namespace Shop.Core.Indexers
{
}
