// case: rewrite
using System.Threading.Tasks;

namespace Jobs
{
    public class Pinger
    {
        public async void Ping() => await Task.Delay(1);

        public async Task PingTwiceAsync()
        {
            Ping();
            Ping();
            await Task.Yield();
        }
    }
}
