using System.Threading.Tasks;

namespace Counters
{
    public class Source
    {
        private int _calls;

        public int Fetch()
        {
            return ReadAsync().Result;
        }

        // Simulated read: 7, 14, 21 ...
        private async Task<int> ReadAsync()
        {
            await Task.Delay(1);
            _calls++;
            return _calls * 7;
        }
    }
}
