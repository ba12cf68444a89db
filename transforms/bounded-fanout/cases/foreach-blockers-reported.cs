// case: left-alone
// Loops the rewrite could get wrong are reported: the work reads a counter the loop changes, the
// tasks are added in a for loop, or inside a try (a call that throws while starting its work would no longer
// be caught there once the work starts later).
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Export;

public class Exporter
{
    public async Task ExportNumberedAsync(IEnumerable<string> rows)
    {
        var tasks = new List<Task>();
        int line = 0;
        foreach (var row in rows)
        {
            tasks.Add(WriteAsync(line, row));
            line++;
        }
        await Task.WhenAll(tasks);
    }

    public async Task ExportIndexedAsync(string[] rows)
    {
        var tasks = new List<Task>();
        for (int i = 0; i < rows.Length; i++)
        {
            tasks.Add(WriteAsync(i, rows[i]));
        }
        await Task.WhenAll(tasks);
    }

    public async Task ExportSomeAsync(IEnumerable<string> rows)
    {
        var tasks = new List<Task>();
        foreach (var row in rows)
        {
            try
            {
                tasks.Add(WriteAsync(0, row));
            }
            catch (System.ArgumentException)
            {
            }
        }
        await Task.WhenAll(tasks);
    }

    private Task WriteAsync(int line, string row) => Task.Delay(line);
}
