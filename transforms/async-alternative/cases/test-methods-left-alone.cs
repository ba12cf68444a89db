// case: rewrite
// A type that declares test methods (`[ConditionalTheory]`, `[Fact]` …) is test code even in a project that is not
// a test project (a shipped library of shared tests): its calls keep the API they test. The same call in a type
// without tests switches to the async alternative.
using System.Threading.Tasks;

namespace Shop
{
    public class ConditionalTheoryAttribute : System.Attribute { }

    public class Store
    {
        public void Save() { }
        public Task SaveAsync() => Task.CompletedTask;
    }

    public abstract class StoreTestBase
    {
        [ConditionalTheory]
        public virtual async Task Saves(bool async)
        {
            var store = new Store();
            if (async)
            {
                await store.SaveAsync();
            }
            else
            {
                store.Save();
            }
        }

        protected async Task SeedAsync(Store store)
        {
            await Task.Yield();
            store.Save();
        }
    }

    public class Worker
    {
        public async Task RunAsync(Store store)
        {
            await Task.Yield();
            store.Save();
        }
    }
}
