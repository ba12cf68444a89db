// case: rewrite
using System.Threading.Tasks;

namespace Legacy
{
    public class Sync
    {
        public async void Flush()
        {
            await Task.Delay(1);
        }

        public async Task CloseAsync()
        {
            Flush();
            await Task.Delay(1);
        }
    }
}
