using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public class Report
    {
        private readonly IList<IStore> _stores;

        public Report(IList<IStore> stores)
        {
            _stores = stores;
        }

        public async Task<string> BuildAsync(CancellationToken token)
        {
            var parts = new List<string>();
            foreach (var store in _stores)
            {
                parts.Add(store.Load(parts.Count));
            }
            await Task.Yield();
            return string.Join(",", parts);
        }
    }
}
