// case: rewrite
// oracle: run
// A library client blocks with `.ConfigureAwait(false).GetAwaiter().GetResult()`;
// the service above it and Main become async and keep `ConfigureAwait(false)`.
using System;

namespace Weather
{
    public static class Program
    {
        public static void Main()
        {
            var service = new WeatherService(new ApiClient("https://weather.example"));
            foreach (string city in new[] { "Oslo", "Lima" })
            {
                Console.WriteLine(service.Describe(city));
            }
        }
    }
}
