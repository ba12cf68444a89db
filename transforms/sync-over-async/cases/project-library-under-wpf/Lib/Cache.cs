// case: left-alone
// The library of project-library-under-console, referenced by a WPF application: its code may run on the
// UI thread, where the constructor's wait on a Load that now awaits deadlocks. Nothing changes, and the
// report names the application that made it so.
using System.Threading.Tasks;

namespace Lib
{
    public class Cache
    {
        private readonly string _value;

        public Cache()
        {
            _value = Load();
        }

        private static Task<string> ReadAsync() => Task.FromResult("v");

        public string Load()
        {
            return ReadAsync().Result;
        }
    }
}
