// case: left-alone
using System.Collections.Generic;
using System.Threading.Tasks;

public class Shapes
{
    private readonly object _gate = new object();
    private List<int> _maybe;

    // Not a statement: an expression body.
    public void Touch(List<int> ids) => ids.ForEach(async id => await SaveAsync(id));

    public async Task RunAsync(List<int> ids)
    {
        await Task.Yield();
        ids.ForEach(async /* each id */ id => await SaveAsync(id));
        ids.ForEach(async id => SaveAsync(id));
        _maybe?.ForEach(async id => await SaveAsync(id));
        lock (_gate)
        {
            ids.ForEach(async id => await SaveAsync(id));
        }
        if (ids.Count > 0) ids.ForEach(async id => await SaveAsync(id));
    }

    private Task SaveAsync(int id) => Task.CompletedTask;
}
