// case: rewrite
using System.Threading.Tasks;

namespace Jobs
{
    public class Importer
    {
        public async Task ImportAsync()
        {
            async void Step(int n)
            {
                await Task.Delay(n);
            }

            Step(1);
            await Task.Delay(1);
        }
    }
}
