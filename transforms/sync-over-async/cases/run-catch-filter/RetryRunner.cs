using System;

namespace Retry
{
    public class RetryRunner
    {
        private readonly RetryPolicy _policy;

        public RetryRunner(RetryPolicy policy)
        {
            _policy = policy;
        }

        public string Run(FlakyClient client)
        {
            int attempt = 0;
            while (true)
            {
                attempt++;
                try
                {
                    return client.Call(attempt);
                }
                catch (TimeoutException ex) when (_policy.ShouldRetry(attempt))
                {
                    Console.WriteLine("  attempt " + attempt + " failed: " + ex.Message + "; retrying");
                }
            }
        }
    }

    public class FlakyClient
    {
        private readonly int _failures;

        public FlakyClient(int failures)
        {
            _failures = failures;
        }

        public string Call(int attempt)
        {
            if (attempt <= _failures)
            {
                throw new TimeoutException("no answer");
            }
            return "ok after " + attempt;
        }
    }
}
