// case: left-alone
// The same code as project-console-boundary, in an old-style WinForms project (a System.Windows.Forms
// reference): its UI thread runs a single-threaded SynchronizationContext, and the constructor's wait on a Count that
// now awaits would deadlock there. Nothing on the chain changes; the site says which project made it so.
using System.Threading.Tasks;

namespace Inventory
{
    public class Store
    {
        public readonly int Total;

        public Store()
        {
            Total = Count();
        }

        private static Task<int> FetchCountAsync() => Task.FromResult(3);

        public int Count()
        {
            return FetchCountAsync().Result;
        }
    }
}
