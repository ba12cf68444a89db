// case: rewrite
using System;
using System.Threading.Tasks;

public class Cleaner
{
    public async Task CleanAsync(string[] paths)
    {
        await Task.Yield();
        Array.ForEach(paths, async path => await DeleteAsync(path));
        Array.ForEach(paths, async delegate (string path)
        {
            await DeleteAsync(path);
        });
    }

    private Task DeleteAsync(string path) => Task.CompletedTask;
}
