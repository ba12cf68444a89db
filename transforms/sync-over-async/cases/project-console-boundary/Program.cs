// case: rewrite
// oracle: run
// A console application has no SynchronizationContext: a caller that cannot become async (a constructor)
// may keep blocking on a method that now awaits without risking a deadlock, so the chain is converted and the
// constructor keeps one explicit wait (reported as a boundary). Compare project-wpf-boundary.
using System;
using System.Threading.Tasks;

namespace Inventory
{
    public static class Program
    {
        public static void Main()
        {
            var store = new Store();
            Console.WriteLine(store.Total);
            Console.WriteLine(new Report().Lines());
        }
    }

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

    public class Report
    {
        public int Lines()
        {
            return new Store().Count() * 2;
        }
    }
}
