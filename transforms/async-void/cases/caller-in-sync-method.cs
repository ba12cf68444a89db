// case: rewrite
using System.Threading.Tasks;

namespace Shop
{
    public class Checkout
    {
        public void Complete()
        {
            Notify("done");
        }

        public void Run()
        {
            Complete();
        }

        private async void Notify(string message)
        {
            await Task.Delay(1);
        }
    }
}
