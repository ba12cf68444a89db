// case: rewrite
using System.Threading.Tasks;

namespace Shop
{
    public class Flusher
    {
        private Task FlushAsync() => Task.Delay(1);

        public void Flush()
        {
            FlushAsync().Wait();
        }
    }
}
