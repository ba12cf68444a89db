// case: rewrite
using System.Threading.Tasks;

namespace Shop
{
    public class Checkout
    {
        public async Task CompleteAsync()
        {
            await Task.Delay(1);
            Notify("done");
        }

        private async void Notify(string message)
        {
            await Task.Delay(1);
        }
    }
}
