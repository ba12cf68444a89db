using System;

namespace Transport
{
    public sealed class OutputQueue
    {
        public int Enqueue(string message) { return message.Length; }
    }

    internal sealed class QueuedChannel
    {
        private readonly OutputQueue queue = new OutputQueue();

        public int Send(string message)
        {
            return new SendAsyncResult(this).Write(message);
        }

        internal sealed class SendAsyncResult
        {
            private readonly OutputQueue channel;

            public SendAsyncResult(QueuedChannel owner)
            {
                channel = owner.queue;
            }

            public int Write(string message)
            {
                return channel.Enqueue(message);
            }
        }
    }
}
