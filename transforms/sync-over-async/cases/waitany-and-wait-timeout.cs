// case: left-alone
using System.Threading.Tasks;

namespace Shop
{
    public class Race
    {
        private Task<int> FastAsync() => Task.FromResult(1);

        public int First()
        {
            Task<int> a = FastAsync();
            Task<int> b = FastAsync();
            int index = Task.WaitAny(a, b);
            a.Wait(100);
            return index;
        }
    }
}
