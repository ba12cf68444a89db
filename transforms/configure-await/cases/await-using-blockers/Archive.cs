// case: rewrite
// `await using` shapes that cannot be configured safely are reported: a resource that may be null (`await
// using` skips it, ConfigureAwait would throw), `_` already taken, a second declaration in the same member,
// a declaration sharing its line, a name the block uses again, several resources.
using System;
using System.IO;
using System.Threading.Tasks;

namespace Store
{
    public class Archive
    {
        private Stream _current;

        public async Task MaybeAsync(object state)
        {
            await using var maybe = state as IAsyncDisposable;
            await using (var other = _current ?? Stream.Null)
            {
            }
        }

        public async Task DiscardAsync(string path)
        {
            _ = path.Length;
            await using var file = File.OpenRead(path);
        }

        public async Task TwoAsync(string a, string b)
        {
            await using var first = File.OpenRead(a);
            await using var second = File.OpenRead(b);
        }

        public async Task SameLineAsync(string a)
        {
            await using var s = File.OpenRead(a); Console.WriteLine(s.Length);
        }

        private Stream stream;

        public async Task ClashAsync(string a)
        {
            await using (var stream = File.OpenRead(a))
            {
            }
            // The field: a local `stream` moved out of the using statement would take this name over.
            stream = null;
        }

        public async Task SeveralAsync(string a, string b)
        {
            await using (Stream x = File.OpenRead(a), y = File.OpenRead(b))
            {
            }
        }
    }
}
