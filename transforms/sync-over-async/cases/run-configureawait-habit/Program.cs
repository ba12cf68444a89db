// case: rewrite
// oracle: run
// The file awaits with `.ConfigureAwait(false)` everywhere, so every await the rewrite adds takes it too: the
// `.Result`, the `Task.WaitAll`, the calls up the chain and a task returned directly. A configured awaitable
// (`ConfiguredTaskAwaitable`) is awaited as it is.
using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace Stock
{
    public static class Program
    {
        public static void Main()
        {
            Console.WriteLine("stock " + Inventory.Count("bolts"));
            Console.WriteLine("total " + Inventory.Total());
            Console.WriteLine("read " + Inventory.Read(Inventory.LoadAsync("nuts").ConfigureAwait(false)));
        }
    }

    public static class Inventory
    {
        public static async Task<int> LoadAsync(string item)
        {
            await Task.Delay(1).ConfigureAwait(false);
            return item.Length;
        }

        public static async Task<int> WarmAsync()
        {
            await Task.Yield();
            return await LoadAsync("warm").ConfigureAwait(false);
        }

        public static int Count(string item)
        {
            return LoadAsync(item).Result + Pending().Result;
        }

        public static Task<int> Pending()
        {
            return Next("pending");
        }

        public static Task<int> Next(string item)
        {
            Task.WaitAll(LoadAsync(item), WarmAsync());
            return Task.FromResult(item.Length + 1);
        }

        public static int Total()
        {
            return (LoadAsync("all").Result + 1) * 2;
        }

        public static int Read(ConfiguredTaskAwaitable<int> configured)
        {
            return configured.GetAwaiter().GetResult();
        }
    }
}
