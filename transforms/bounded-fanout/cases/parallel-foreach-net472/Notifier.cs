// case: rewrite
// .NET Framework has no Parallel.ForEachAsync: `await Task.WhenAll(src.Select(...))` with a
// SemaphoreSlim, in a using block (C# 7.2); the method becomes async.
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Legacy.Notify
{
    public class Notifier
    {
        public void NotifyAll(List<int> orderIds)
        {
            Parallel.ForEach(orderIds, async id => await SendAsync(id));
        }

        public async Task NotifyWithTokenAsync(List<int> orderIds, CancellationToken token)
        {
            Parallel.ForEach(orderIds, async id =>
            {
                await SendAsync(id);
                Sent++;
            });
        }

        public int Sent { get; private set; }

        // NotifyAll's caller in the library (one nothing calls keeps its signature).
        public async Task NotifyPendingAsync(List<int> orderIds)
        {
            await Task.Yield();
            NotifyAll(orderIds);
        }

        private Task SendAsync(int id) => Task.Delay(id);
    }
}
