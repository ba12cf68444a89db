namespace Lib;

// Twice's caller in the library (a library method nothing calls keeps its signature).
public class Orders
{
    public async Task<int> TotalAsync(Catalog catalog)
    {
        await Task.Yield();
        return catalog.Twice();
    }
}
