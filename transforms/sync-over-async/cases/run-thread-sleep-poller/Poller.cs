using System;

namespace Polling
{
    public class Poller
    {
        private readonly HealthCheck _check;

        public Poller(HealthCheck check)
        {
            _check = check;
        }

        public int PollAll(string[] services)
        {
            int healthy = 0;
            for (int i = 0; i < services.Length; i++)
            {
                bool ok = _check.CheckAsync(services[i]).Result;
                Console.WriteLine("  " + services[i] + ": " + (ok ? "up" : "down"));
                if (ok)
                {
                    healthy++;
                }
            }
            return healthy;
        }
    }
}
