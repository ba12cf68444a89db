using System.Threading.Tasks;

namespace Web
{
    public class Startup
    {
        public async Task RunAsync(Data.CustomerRepository customers)
        {
            int n = await customers.CountAsync();
        }
    }
}
