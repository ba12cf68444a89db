using System.Threading.Tasks;

namespace Pipeline
{
    public sealed class LookupStep : Step
    {
        public override string Execute(string input)
        {
            string customer = ResolveAsync(input).Result;
            return input + " for " + customer;
        }

        // Simulated customer lookup.
        private static async Task<string> ResolveAsync(string order)
        {
            await Task.Delay(1);
            return order.EndsWith("7") ? "acme" : "unknown";
        }
    }
}
