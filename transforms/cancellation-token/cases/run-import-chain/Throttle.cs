using System.Threading;
using System.Threading.Tasks;

namespace Import
{
    public class Throttle
    {
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

        public async Task EnterAsync()
        {
            await _gate.WaitAsync();
            try
            {
                await Task.Delay(1);
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
