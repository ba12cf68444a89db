// case: left-alone
using System.Threading.Tasks;

namespace Shop
{
    public interface IClock
    {
        int Hour();
        int Minute();
    }

    public class NetworkClock : IClock
    {
        private Task<int> FetchAsync() => Task.FromResult(12);

        public int Hour() => FetchAsync().Result;

        public int Minute() => FetchAsync().Result % 60;
    }
}
