// case: rewrite
using System.Threading.Tasks;

namespace Shop
{
    public class Mailer
    {
        public async void SendAsync(string to)
        {
            await Task.Delay(1);
        }
    }
}
