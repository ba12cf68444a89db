// case: left-alone
using System.Threading.Tasks;

namespace Jobs
{
    public class Warmup
    {
        public Warmup()
        {
            Prime();
        }

        private async void Prime()
        {
            await Task.Delay(1);
        }
    }
}
