// case: rewrite
// C# 7.2 has no `using var`: the first fan-out's `using` block wraps the statements after it, the second
// fan-out among them. That one is bounded too, in the same run, with its own block inside the first.
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Legacy.Reports
{
    public class ReportBuilder
    {
        public async Task<int> BuildAsync(IReadOnlyList<int> ids)
        {
            var headers = await Task.WhenAll(ids.Select(id => LoadHeaderAsync(id)));
            // Lines come after headers: the report is written in that order.
            var lines = await Task.WhenAll(ids.Select(id => LoadLinesAsync(id)));
            return headers.Length + lines.Sum();
        }

        private Task<string> LoadHeaderAsync(int id) => Task.FromResult("#" + id);

        private Task<int> LoadLinesAsync(int id) => Task.FromResult(id % 3);
    }
}
