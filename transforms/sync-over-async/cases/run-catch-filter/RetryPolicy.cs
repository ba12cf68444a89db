using System.Threading.Tasks;

namespace Retry
{
    public class RetryPolicy
    {
        private readonly int _maxAttempts;

        public RetryPolicy(int maxAttempts)
        {
            _maxAttempts = maxAttempts;
        }

        public bool ShouldRetry(int attempt)
        {
            return LoadBudgetAsync().Result > attempt;
        }

        // Simulated read of the retry budget from configuration.
        private async Task<int> LoadBudgetAsync()
        {
            await Task.Delay(1);
            return _maxAttempts;
        }
    }
}
