// case: rewrite
// An explicit interface implementation changes with its interface; it gets no `= default`
// (a default there has no effect, warning CS1066).
using System.Threading.Tasks;

namespace Queues;

public interface IQueue
{
    Task PushAsync(string item);
}
