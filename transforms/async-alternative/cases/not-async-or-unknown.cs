// case: left-alone
// Nothing to switch: a synchronous method (its callers did not ask for async), a receiver whose type is unknown,
// in-memory writers, `TextWriter.Write` of a number (`WriteAsync` has no such overload), a call already awaited
// through its async form, and a solution method without an async sibling. One call is reported: `Save` has
// an async sibling, but it is inside a lock.
using System.IO;
using System.Threading.Tasks;

namespace Shop
{
    public class Notes
    {
        public string Read(string path)
        {
            return File.ReadAllText(path);
        }

        public async Task<string> ReadAsync(dynamic unknown, TextWriter log, string path)
        {
            unknown.Flush();
            var text = new StringWriter();
            text.Write("a");
            log.Write(42);
            Touch();
            await Task.Yield();
            return text.ToString() + await File.ReadAllTextAsync(path);
        }

        private readonly object _gate = new object();

        private void Touch()
        {
        }

        public void Save()
        {
        }

        public Task SaveAsync() => Task.CompletedTask;

        public async Task FlushAsync()
        {
            await Task.Yield();
            lock (_gate)
            {
                Save();
            }
        }
    }
}
