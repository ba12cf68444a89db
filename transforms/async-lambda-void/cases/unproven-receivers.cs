// case: left-alone
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

public static class EnumerableExtensions
{
    public static void ForEach<T>(this IEnumerable<T> items, Action<T> action)
    {
        foreach (var item in items) action(item);
    }

    public static async Task ForEachAsync<T>(this IEnumerable<T> items, Func<T, Task> action)
    {
        foreach (var item in items) await action(item);
    }
}

public class Tree
{
    public async Task LoadAsync(IEnumerable<string> nodes)
    {
        await Task.Yield();
        // Not a List<T>: this ForEach is the extension above, whose order and timing are its own.
        nodes.ForEach(async node => await LoadNodeAsync(node));
        // Takes a Func<T, Task> and awaits it: not a site.
        await nodes.ForEachAsync(async node => await LoadNodeAsync(node));
    }

    private Task LoadNodeAsync(string node) => Task.CompletedTask;
}
