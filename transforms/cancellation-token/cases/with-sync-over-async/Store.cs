using System.Threading;
using System.Threading.Tasks;

namespace Reports;

public class Store
{
    public async Task<int> CountAsync(int id, CancellationToken cancellationToken = default)
    {
        await Task.Delay(id, cancellationToken);
        return id;
    }
}
