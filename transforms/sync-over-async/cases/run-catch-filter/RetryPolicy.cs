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

        // Already async: it awaits ShouldRetry for real once ShouldRetry is async, which is what makes the change
        // worth the boundary left in the catch filter.
        public async Task<bool> ShouldRetryLaterAsync(int attempt)
        {
            await Task.Delay(1);
            return ShouldRetry(attempt);
        }

        // Simulated read of the retry budget from configuration.
        private async Task<int> LoadBudgetAsync()
        {
            await Task.Delay(1);
            return _maxAttempts;
        }
    }
}
