// case: left-alone
// Siblings that are no async alternative of the call, and places where `await` cannot go: each call is reported
// with the reason and left as written. A call inside the sibling itself, one in a lambda handed to Task.Run, and
// one in a lambda handed to a LINQ operator (it may be an expression tree) are not reported at all.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Shop
{
    public class Catalog
    {
        public int Count() => 1;
        [Obsolete("use Size")]
        public Task<int> CountAsync() => Task.FromResult(1);

        public string Name(int id) => "n" + id;
        public Task<int> NameAsync(int id) => Task.FromResult(id);

        public string Title(int index) => "t" + index;
        public Task<string> TitleAsync(int id) => Task.FromResult("t" + id);

        public string Render(int id) => "r" + id;
        public Task<string> RenderAsync(int id) => Task.Run(() => Render(id));

        // Starts the work and returns: awaiting StartAsync would wait where Start did not.
        public void Start(int id)
        {
            _ = Task.Run(() => StartAsync(id));
        }

        public Task StartAsync(int id) => Task.Delay(id);

        // The async worker is a local function: no member a caller could switch to (not reported).
        public static void Pump(int n)
        {
            _ = Task.Run(() => PumpAsync(n));

            static async Task PumpAsync(int m)
            {
                await Task.Delay(m);
            }
        }

        public string Fetch(int id) => "f" + id;
        public async Task<string> FetchAsync(int id)
        {
            await Task.Yield();
            return Fetch(id);
        }
    }

    public class Page
    {
        private readonly object _gate = new object();
        private readonly Catalog _catalog = new Catalog();
        private readonly List<int> _ids = new List<int>();

        public async Task<string> ShowAsync(Catalog maybe)
        {
            var text = _catalog.Count() + _catalog.Name(1) + _catalog.Title(2) + _catalog.Render(3);
            _catalog.Start(8);
            Catalog.Pump(9);
            lock (_gate)
            {
                text += _catalog.Fetch(4);
            }
            text += string.Join(",", _ids.Select(i => _catalog.Fetch(i)));
            text += maybe?.Fetch(5);
            text += await Task.Run(() => _catalog.Fetch(6));
            Func<string> later = () => _catalog.Title(7);
            return text + later();
        }
    }
}
