// case: rewrite
using System.Threading.Tasks;

namespace Jobs
{
    public partial class Sync
    {
        public async void Push()
        {
            await Task.Delay(1);
        }
    }
}
