// case: rewrite
// A library that only a console application references runs where no SynchronizationContext is: the
// constructor that must keep blocking on Load (now awaiting) cannot deadlock, so the chain is converted.
// Compare project-library-under-wpf, the same library under a WPF application.
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
