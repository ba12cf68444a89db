using System.Threading.Tasks;

namespace Profiles
{
    public class ProfileStore
    {
        public string FindName(int id)
        {
            return LoadNameAsync(id).Result;
        }

        // Simulated lookups: user 2 has no name and no bio.
        private static async Task<string> LoadNameAsync(int id)
        {
            await Task.Delay(1);
            return id == 1 ? "Ada" : null;
        }

        public async Task<string> LoadBioAsync(int id)
        {
            await Task.Delay(1);
            return id == 1 ? "Wrote the first program." : null;
        }
    }
}
