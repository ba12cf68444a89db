// case: left-alone
// Load's only caller is a constructor, which cannot become async: it would have to keep blocking on Load once
// Load awaits, and under a UI SynchronizationContext that wait deadlocks (the await resumes on the blocked
// thread), where today's .Result on the library's task does not. Without --allow-boundaries nothing changes.
// Touch's caller sits in a lock: the same.
using System.Threading.Tasks;

namespace Settings
{
    public class Store
    {
        private readonly object _gate = new object();
        private readonly string _value;

        public Store()
        {
            _value = Load();
        }

        private string Load()
        {
            return ReadAsync().Result;
        }

        public void Refresh()
        {
            lock (_gate)
            {
                Touch();
            }
        }

        private void Touch()
        {
            WriteAsync(_value).Wait();
        }

        private static Task<string> ReadAsync() => Task.FromResult("v");

        private static Task WriteAsync(string v) => Task.CompletedTask;
    }
}
