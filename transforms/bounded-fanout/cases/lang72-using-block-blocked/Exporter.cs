// case: left-alone
// C# 7.2 has no `using var`, and a `using (...) { }` block cannot be formed here: the results are
// used later in the block, which also holds a local function the block would hide.
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Legacy.Export
{
    public class Exporter
    {
        public async Task<int> ExportAsync(IEnumerable<int> ids)
        {
            var sizes = await Task.WhenAll(ids.Select(id => SizeAsync(id)));
            return Total();

            int Total() => sizes.Sum();
        }

        public async Task LabelledAsync(IEnumerable<int> ids)
        {
        again:
            await Task.WhenAll(ids.Select(id => SizeAsync(id)));
            if (ids.Any(id => id < 0))
            {
                goto again;
            }
        }

        private Task<int> SizeAsync(int id) => Task.FromResult(id);
    }
}
