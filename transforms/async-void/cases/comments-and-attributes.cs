// case: rewrite
using System;
using System.Threading.Tasks;

namespace Jobs
{
    public class Reporter
    {
        /// <summary>Sends the report.</summary>
        [CLSCompliant(false)] // kept for old callers
        public /* fire and forget */ async void SendReport(
            string name, // which report
            int copies)
        {
            // Pretend to send.
            await Task.Delay(copies);
        }

        public async Task RunAsync()
        {
            SendReport("daily", 1); // nightly
            await Task.Yield();
        }
    }
}
