// case: left-alone
using System.Collections.Generic;
using System.Threading.Tasks;

public class Warmup
{
    // A constructor cannot become async: the loop would have nowhere to await.
    public Warmup(List<string> keys)
    {
        keys.ForEach(async key => await LoadAsync(key));
    }

    private Task LoadAsync(string key) => Task.CompletedTask;
}
