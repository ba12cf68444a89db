// case: left-alone
// Dispose(), Dispose(bool) and Close() stay synchronous: `using`, finalizers and containers call them without
// awaiting. A wait inside them is reported; the fix is IAsyncDisposable, by hand.
using System;
using System.Threading.Tasks;

namespace Streams
{
    public class LiveStreams : IDisposable
    {
        private Task CloseAllAsync() => Task.CompletedTask;

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (disposing)
            {
                CloseAllAsync().GetAwaiter().GetResult();
            }
        }

        public void Close()
        {
            CloseAllAsync().Wait();
        }
    }
}
