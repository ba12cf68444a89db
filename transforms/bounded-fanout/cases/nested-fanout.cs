// case: rewrite
// A fan-out inside the lambda of another: the outer rewrite restructures the inner one's code, so the inner
// one is planned again on the rewritten text, in the same run. Whatever that finds is what is reported: the
// second inner fan-out holds a comment in its work and is reported for it, not fixed.
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Catalog.Sync
{
    public class CategorySync
    {
        public async Task SyncAsync(IEnumerable<Category> categories)
        {
            await Task.WhenAll(categories.Select(async category =>
            {
                await Task.WhenAll(category.ProductIds.Select(id => PushAsync(id)));
                await Task.WhenAll(category.ImageIds.Select(id =>
                    // Images go to the CDN, not the catalog.
                    UploadAsync(id)));
            }));
        }

        private Task PushAsync(int id) => Task.Delay(id);

        private Task UploadAsync(int id) => Task.Delay(id);
    }

    public class Category
    {
        public List<int> ProductIds { get; } = new List<int>();
        public List<int> ImageIds { get; } = new List<int>();
    }
}
