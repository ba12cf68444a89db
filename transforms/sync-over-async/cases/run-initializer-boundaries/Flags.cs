using System.Threading.Tasks;

namespace FeatureFlags
{
    public static class Flags
    {
        public static int Lookup(string name)
        {
            return FetchAsync(name).Result;
        }

        // Simulated remote flag service.
        private static async Task<int> FetchAsync(string name)
        {
            await Task.Delay(1);
            return name.Length;
        }
    }
}
