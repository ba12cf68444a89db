namespace Transport
{
    public sealed class OutputQueue
    {
        public int StartWritingStreamedMessage(string message, object callback, object state) { return message.Length; }
    }

    internal sealed class QueuedChannel
    {
        internal sealed class SendAsyncResult
        {
            private readonly OutputQueue channel = new OutputQueue();

            public int Write(string message)
            {
                return channel.StartWritingStreamedMessage(message, null, this);
            }
        }
    }
}
