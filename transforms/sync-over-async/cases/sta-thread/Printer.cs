// case: left-alone
// Work runs on a thread its class starts with an apartment state (STA, for COM or clipboard access). If Print
// awaited, Work (a thread start, which cannot become async) would block its own STA thread on work that
// continues elsewhere: the code after the await would leave the thread it needs. In a console application,
// where such a wait is otherwise accepted, this chain is still refused.
using System.Threading;
using System.Threading.Tasks;

namespace Printing
{
    public class Printer
    {
        public void Start()
        {
            var thread = new Thread(Work);
            thread.SetApartmentState(ApartmentState.STA);
            thread.Start();
        }

        private void Work()
        {
            Print();
        }

        private void Print()
        {
            RenderAsync().Wait();
        }

        private static Task RenderAsync() => Task.CompletedTask;
    }
}
