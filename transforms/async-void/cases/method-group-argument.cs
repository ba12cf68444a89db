// case: left-alone
using System;
using System.Threading.Tasks;

namespace Jobs
{
    public class Scheduler
    {
        public void Start()
        {
            Schedule(Work);
        }

        private void Schedule(Action action) => action();

        private async void Work()
        {
            await Task.Delay(1);
        }
    }
}
