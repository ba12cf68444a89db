// case: left-alone
using System;
using System.Threading.Tasks;

namespace Ui
{
    public class Poller
    {
        public event Action Tick;

        public Poller()
        {
            Tick += Refresh;
        }

        private async void Refresh()
        {
            await Task.Delay(1);
        }
    }
}
