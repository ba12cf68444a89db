// case: rewrite
// No `using System.Threading;` yet: it is added for SemaphoreSlim (and `System` for Environment).
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Shop.Reports;

public class Renderer
{
    public async Task RenderAllAsync(IReadOnlyList<int> pages)
    {
        await Task.WhenAll(pages.Select(p => Task.Run(() => Render(p))));
    }

    private static void Render(int page) { }
}
