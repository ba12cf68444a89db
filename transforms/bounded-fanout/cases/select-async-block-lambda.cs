// case: rewrite
// An async lambda with a block body: its statements move into `try { }`, comments and all.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Images;

public class Thumbnailer
{
    public async Task BuildAllAsync(IEnumerable<string> paths)
    {
        await Task.WhenAll(paths.Select(async path =>
        {
            // Read, shrink, write back.
            byte[] image = await ReadAsync(path);
            if (image.Length == 0)
            {
                return;
            }

            await WriteAsync(path + ".thumb", Shrink(image));
        }));
    }

    private static byte[] Shrink(byte[] image) => image.Take(image.Length / 4).ToArray();
    private static Task<byte[]> ReadAsync(string path) => Task.FromResult(Array.Empty<byte>());
    private static Task WriteAsync(string path, byte[] data) => Task.CompletedTask;
}
