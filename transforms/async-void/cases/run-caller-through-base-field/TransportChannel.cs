using System;
using System.Threading;

namespace Transport
{
    public enum AsyncCompletionResult { Queued, Completed }

    public abstract class TransportChannel
    {
        protected abstract AsyncCompletionResult StartWritingStreamedMessage(string message, WaitCallback callback, object state);

        public string Send(string message)
        {
            var result = new SendAsyncResult(this);
            return result.Write(message);
        }

        internal sealed class SendAsyncResult
        {
            private readonly TransportChannel channel;
            private string status = "pending";

            public SendAsyncResult(TransportChannel channel)
            {
                this.channel = channel;
            }

            public string Write(string message)
            {
                AsyncCompletionResult completionResult = this.channel.StartWritingStreamedMessage(message, OnWriteComplete, this);
                return completionResult + "/" + status;
            }

            private static void OnWriteComplete(object state)
            {
                ((SendAsyncResult)state).status = "written";
            }
        }
    }
}
