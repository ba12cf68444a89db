// case: rewrite
// args: --all-transforms
// Token edits coexist with sync-over-async's on the same calls: `.Result` becomes `await` and
// the token goes inside the parentheses; `Thread.Sleep` becomes `Task.Delay(…, token)`.
using System.Threading;
using System.Threading.Tasks;

namespace Reports;

public class ReportService
{
    private readonly Store _store = new Store();

    public async Task<int> BuildAsync(int id, CancellationToken ct)
    {
        int rows = _store.CountAsync(id).Result;
        Thread.Sleep(100);
        return rows + Total(id);
    }

    public int Total(int id) => _store.CountAsync(id + 1).Result;
}
