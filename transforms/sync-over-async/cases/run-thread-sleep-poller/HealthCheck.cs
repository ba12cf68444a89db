using System.Threading;
using System.Threading.Tasks;

namespace Polling
{
    public class HealthCheck
    {
        public async Task<bool> CheckAsync(string service)
        {
            await Task.Delay(1);
            // Back off before the second probe.
            Thread.Sleep(1);
            return service.Length != 5;
        }
    }
}
