// case: rewrite
// Each call below reaches `Store.Load` only through the index's type inference: a `foreach` element of a
// dictionary, an `out var`, a pattern, `as`, a LINQ chain, a generic member, a delegate property, an indexer and
// `??`. Each becomes `await …LoadAsync(…)`.
using System.Threading.Tasks;

namespace Shop.Data
{
    public class Store
    {
        public bool Enabled;

        public string Load(int id)
        {
            return "x" + id;
        }

        public Task<string> LoadAsync(int id)
        {
            return Task.FromResult("x" + id);
        }
    }

    public class Holder<T>
    {
        public T Value;
    }
}
