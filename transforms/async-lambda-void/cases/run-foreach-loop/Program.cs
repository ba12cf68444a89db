// case: rewrite
// oracle: run
// `ForEach(async …)` and `Array.ForEach(…, async …)` become foreach loops that await each item. The work runs
// on in-memory stand-ins whose tasks complete at once, so each lambda ran to its end inside ForEach before
// (and each item is awaited in order after): the output is the same, and the rewrite compiles at C# 7.2,
// including a loop variable named `_` beside a lambda parameter `_` in the collection.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Shop
{
    public static class Program
    {
        public static async Task Main()
        {
            var store = new Store();
            var ids = new List<int> { 3, 1, 2 };
            await new Cleaner(store).DropAsync(ids);
            new Cleaner(store).Notify(new[] { "ann", "ben" });
            Console.WriteLine("log: " + string.Join(" | ", store.Log));
        }
    }

    public class Cleaner
    {
        private readonly Store _store;

        public Cleaner(Store store)
        {
            _store = store;
        }

        public async Task DropAsync(List<int> ids)
        {
            await _store.LoadAsync();
            ids.Where(_ => _ > 1).ToList().ForEach(async _ =>
            {
                if (_ == 3)
                {
                    Console.WriteLine("skipping " + _);
                    return;
                }
                await _store.DeleteAsync(_);
            });
            Console.WriteLine("dropped");
        }

        public void Notify(string[] names)
        {
            Array.ForEach(names, async (string name) => await _store.SendAsync(name));
            Console.WriteLine("notified");
        }
    }

    public class Store
    {
        public List<string> Log { get; } = new List<string>();

        public Task LoadAsync() => Task.FromResult(0);

        public Task DeleteAsync(int id)
        {
            Log.Add("deleted " + id);
            return Task.FromResult(0);
        }

        public Task SendAsync(string name)
        {
            Log.Add("sent " + name);
            return Task.FromResult(0);
        }
    }
}
