using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Mailer
{
    public class Outbox
    {
        private readonly Queue<string> _pending = new Queue<string>();

        public List<string> Sent { get; } = new List<string>();

        public void Queue(string recipient)
        {
            _pending.Enqueue(recipient);
        }

        public void Flush()
        {
            while (_pending.Count > 0)
            {
                string r = _pending.Dequeue();
                DeliverAsync(r).Wait();
                Console.WriteLine("  delivered " + r);
            }
        }

        // Simulated SMTP call.
        private async Task DeliverAsync(string recipient)
        {
            await Task.Delay(1);
            Sent.Add(recipient);
        }
    }
}
