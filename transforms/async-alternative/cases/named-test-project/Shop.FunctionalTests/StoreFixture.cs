using System.IO;
using System.Threading.Tasks;

namespace Shop.FunctionalTests
{
    public class StoreFixture
    {
        public async Task SeedAsync(Store store, string path)
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
