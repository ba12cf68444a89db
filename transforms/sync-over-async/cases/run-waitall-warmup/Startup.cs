using System;

namespace Warmup
{
    public static class Startup
    {
        public static int Initialize(string region)
        {
            Console.WriteLine("region " + region);
            int n = CacheWarmer.Warm(region);
            Console.WriteLine("warmed " + n);
            return n;
        }
    }
}
