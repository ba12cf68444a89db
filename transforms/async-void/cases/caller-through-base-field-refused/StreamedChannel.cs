using System.Threading;
using System.Threading.Tasks;

namespace Transport
{
    public sealed class StreamedChannel : TransportChannel
    {
        protected override AsyncCompletionResult StartWritingStreamedMessage(string message, WaitCallback callback, object state)
        {
            WriteEndOfMessageAsync(message, callback, state);
            return AsyncCompletionResult.Queued;
        }

        private async void WriteEndOfMessageAsync(string message, WaitCallback callback, object state)
        {
            try
            {
                await Task.Delay(message.Length);
            }
            finally
            {
                callback(state);
            }
        }
    }
}
