// case: rewrite
using System.Threading.Tasks;

public class Player
{
    public async Task PlayAsync()
    {
        await Task.Yield();
        // Named like async methods, but they return no task: not sites.
        PlaySoundAsync("click.wav");
        OnPlayed();
        Save();
        // The one dropped task.
        LoadNextAsync();
    }

    // A task dropped in a method that is not async is VSTHRD110's business: awaiting it would make the method async.
    public void Skip()
    {
        LoadNextAsync();
    }

    public static void PlaySoundAsync(string path) { }

    private async void OnPlayed() { await Task.Yield(); }

    private bool Save() => true;

    private Task LoadNextAsync() => Task.CompletedTask;
}
