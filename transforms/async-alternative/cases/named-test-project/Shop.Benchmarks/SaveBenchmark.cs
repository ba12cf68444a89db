using System.IO;
using System.Threading.Tasks;

namespace Shop.Benchmarks
{
    public class SaveBenchmark
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
