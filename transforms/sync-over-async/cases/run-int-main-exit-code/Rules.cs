using System.Threading.Tasks;

namespace Validation
{
    public class Rules
    {
        public bool Check(string record)
        {
            return CheckRemoteAsync(record).GetAwaiter().GetResult();
        }

        // Simulated call to a validation service.
        private static async Task<bool> CheckRemoteAsync(string record)
        {
            await Task.Delay(1);
            return record.Contains("@");
        }
    }
}
