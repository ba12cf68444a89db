// case: left-alone
// A Task.Run inside a lambda: the lambda may run once per item of a fan-out, where Task.Run lets each item's
// synchronous start run in parallel instead of one after the other.
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Shop
{
    public interface INotifier
    {
        Task NotifyAsync(string user);
    }

    public class FanoutController
    {
        private readonly INotifier _notifier;

        public FanoutController(INotifier notifier) => _notifier = notifier;

        public async Task NotifyAll(IEnumerable<string> users)
        {
            await Task.WhenAll(users.Select(async user => await Task.Run(() => _notifier.NotifyAsync(user))));
        }
    }
}
