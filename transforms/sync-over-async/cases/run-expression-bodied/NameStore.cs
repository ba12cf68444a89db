using System.Threading.Tasks;

namespace Directory
{
    public class NameStore
    {
        private static readonly string[] Names = { "", "Ada", "Grace", "Barbara" };

        // Simulated lookups.
        public async Task<string> GetNameAsync(int id)
        {
            await Task.Delay(1);
            return Names[id];
        }

        public Task<int> GetScoreAsync(int id) => Task.FromResult(id * 3);
    }
}
