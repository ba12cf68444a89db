// case: rewrite
// Count only blocks on its own async counterpart, CountAsync. Making Count async would give the class a second
// method doing what CountAsync does; instead Count stays, for callers that must stay synchronous (the
// constructor), and callers that can be async await CountAsync. Names has a counterpart returning another type
// (a list, not an array): it is no twin, and converting it would still duplicate it, so it is reported.
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shop
{
    public class Orders
    {
        private readonly int _initial;

        public Orders()
        {
            _initial = Count();
        }

        public Task<int> CountAsync() => Task.FromResult(3);

        public int Count()
        {
            return CountAsync().Result;
        }

        public Task<List<string>> NamesAsync() => Task.FromResult(new List<string>());

        public string[] Names()
        {
            return NamesAsync().Result.ToArray();
        }
    }

    public class Dashboard
    {
        public async Task<string> Badge(Orders orders)
        {
            await Task.Yield();
            return "pending: " + orders.Count();
        }

        public async Task<int> Width(Orders orders)
        {
            await Task.Yield();
            return orders.Names().Length;
        }
    }
}
