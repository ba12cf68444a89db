// case: rewrite
// A project named as a test project (`Shop.FunctionalTests`: repositories built with Arcade mark their test
// projects by name, with no test package of their own) holds test code, which calls the synchronous API on purpose:
// there neither `store.Save()` nor the `using` of a `FileStream` changes. A benchmark project (`Shop.Benchmarks`)
// measures the synchronous API: the same. The same code in `Shop` switches.
using System.IO;
using System.Threading.Tasks;

namespace Shop
{
    public class Store
    {
        public void Save() { }
        public Task SaveAsync() => Task.CompletedTask;
    }

    public class Worker
    {
        public async Task RunAsync(Store store, string path)
        {
            await Task.Yield();
            store.Save();
            using (var stream = File.OpenWrite(path))
            {
                stream.WriteByte(1);
            }
        }
    }
}
