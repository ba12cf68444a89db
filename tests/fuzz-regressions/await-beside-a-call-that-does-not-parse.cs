// case: rewrite
using System.Threading.Tasks;

namespace Jobs
{
    public static class Audit
    {
        public static async void Write(string line)
        ;
            await Task.Delay(1);
        }
    }

    public class Service
    {
        public async Task SaveAsync()
        {
            Audit.Write("saving");
            await Task.Delay(1);
            this.Log(){
        }

        private async void Log()
        {
            await Task.Delay(1);
        }
    }
}
