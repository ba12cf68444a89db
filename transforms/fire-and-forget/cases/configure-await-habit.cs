// case: rewrite
using System.Threading.Tasks;

public class Library
{
    public async Task RefreshAsync()
    {
        await LoadAsync().ConfigureAwait(false);
        StoreAsync();
        StoreAsync().ConfigureAwait(false);
        // `Task.Yield()` is awaitable but has no ConfigureAwait: awaited as written.
        Task.Yield();
    }

    private Task LoadAsync() => Task.CompletedTask;

    private Task StoreAsync() => Task.CompletedTask;
}
