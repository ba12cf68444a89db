// case: rewrite
using System.Threading.Tasks;

namespace Shop
{
    public class Flusher
    {
        private Task WriteBufferAsync() => Task.Delay(1);

        public void Flush()
        {
            WriteBufferAsync().Wait();
        }
    }
}
