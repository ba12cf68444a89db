// case: rewrite
// oracle: run
// A foreach starts one task per order and waits for all; the rewrite bounds how many run at once.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Shop
{
    public class Notifier
    {
        private readonly ConcurrentDictionary<int, string> _sent = new ConcurrentDictionary<int, string>();

        public async Task NotifyAsync(int orderId)
        {
            await Task.Delay(1);
            _sent[orderId] = "mail-" + orderId;
        }

        public async Task NotifyAllAsync(List<int> orderIds)
        {
            var tasks = new List<Task>();
            foreach (int orderId in orderIds)
            {
                tasks.Add(NotifyAsync(orderId));
            }

            await Task.WhenAll(tasks);
        }

        public IEnumerable<string> Sent()
        {
            return _sent.OrderBy(p => p.Key).Select(p => p.Value);
        }
    }

    public static class Program
    {
        public static int Main()
        {
            var notifier = new Notifier();
            notifier.NotifyAllAsync(Enumerable.Range(100, 30).ToList()).GetAwaiter().GetResult();
            List<string> sent = notifier.Sent().ToList();
            Console.WriteLine("sent " + sent.Count);
            Console.WriteLine(string.Join(",", sent.Take(3)));
            return sent.Count == 30 ? 0 : 4;
        }
    }
}
