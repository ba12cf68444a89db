// case: left-alone
// The caller reaches the abstract member through a field of the base type, in a nested class whose name another
// type's nested class shares (with a field `channel` of another type). It is found, and since it runs in a
// constructor, which cannot await, the chain is refused: the async void method stays as it is, and says why.
using System.Threading;

namespace Transport
{
    public enum AsyncCompletionResult { Queued, Completed }

    public abstract class TransportChannel
    {
        protected abstract AsyncCompletionResult StartWritingStreamedMessage(string message, WaitCallback callback, object state);

        internal sealed class SendAsyncResult
        {
            private static readonly WaitCallback onWriteComplete = OnWriteComplete;
            private readonly TransportChannel channel;
            private bool completed;

            public SendAsyncResult(TransportChannel channel, string message)
            {
                this.channel = channel;
                completed = WriteCore(message);
            }

            private bool WriteCore(string message)
            {
                AsyncCompletionResult completionResult;
                completionResult = this.channel.StartWritingStreamedMessage(message, onWriteComplete, this);
                return completionResult != AsyncCompletionResult.Queued;
            }

            private static void OnWriteComplete(object state)
            {
                ((SendAsyncResult)state).completed = true;
            }
        }
    }
}
