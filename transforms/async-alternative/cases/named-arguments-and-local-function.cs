// case: rewrite
// A call that names its arguments gets the token as a named argument too; a call in an async local function and
// one in an async lambda switch like any other.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Storage
{
    public class Archive
    {
        public async Task SaveAsync(string path, string text, CancellationToken cancel)
        {
            File.WriteAllText(path: path, contents: text);
            await Local();
            Func<Task> later = async () =>
            {
                File.AppendAllText(path, text);
                await Task.Yield();
            };
            await later();

            async Task Local()
            {
                File.WriteAllText(path + ".bak", text);
                await Task.Yield();
            }
        }
    }
}
