using System;
using System.Threading.Tasks;

namespace Mailer
{
    public static class Campaign
    {
        public static void Send(Outbox outbox, string[] recipients)
        {
            Console.WriteLine("campaign to " + recipients.Length);
            foreach (string r in recipients)
            {
                outbox.Queue(r);
            }
            Task[] receipts = new Task[recipients.Length];
            for (int i = 0; i < recipients.Length; i++)
            {
                receipts[i] = Receipt(recipients[i]);
            }
            Task.WaitAll(receipts);
            Console.WriteLine("receipts done");
        }

        // Simulated receipt write; the output does not depend on the order they finish in.
        private static async Task Receipt(string recipient)
        {
            await Task.Delay(1);
        }
    }
}
