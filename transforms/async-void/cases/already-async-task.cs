// case: left-alone
using System;
using System.Threading.Tasks;

namespace Jobs
{
    public class Fine
    {
        public async Task RunAsync()
        {
            await Task.Delay(1);
        }

        private async void OnTimer(object sender, EventArgs e)
        {
            await RunAsync();
        }
    }
}
