// The caller of Notifier.NotifyAll.
using System.Threading.Tasks;

namespace Shop.Notify;

public static class Program
{
    public static async Task Main()
    {
        var notifier = new Notifier();
        notifier.NotifyAll(new[] { new Order { Id = 1 } });
        await Task.Delay(1);
    }
}
