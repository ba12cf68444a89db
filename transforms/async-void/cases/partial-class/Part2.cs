using System.Threading.Tasks;

namespace Jobs
{
    public partial class Sync
    {
        public async Task RunAsync()
        {
            Push();
            await Task.Delay(1);
        }
    }
}
