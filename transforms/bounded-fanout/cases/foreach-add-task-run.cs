// case: rewrite
// foreach + Add with Task.Run: kept around CPU work (processor count), unwrapped around async work.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Images;

public class Resizer
{
    public async Task ResizeAllAsync(IEnumerable<string> files)
    {
        var work = new List<Task>();
        foreach (var file in files)
        {
            work.Add(Task.Run(() => Resize(file)));
        }
        await Task.WhenAll(work);
    }

    public async Task UploadAllAsync(IEnumerable<string> files)
    {
        var uploads = new List<Task>();
        foreach (var file in files)
        {
            // Each upload reads the file, then sends it.
            uploads.Add(Task.Run(async () =>
            {
                byte[] data = await ReadAsync(file);
                await SendAsync(file, data);
            }));
        }
        await Task.WhenAll(uploads);
    }

    private static void Resize(string file) { }
    private static Task<byte[]> ReadAsync(string file) => Task.FromResult(Array.Empty<byte>());
    private static Task SendAsync(string file, byte[] data) => Task.CompletedTask;
}
