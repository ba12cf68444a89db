using System;
using System.Threading.Tasks;

namespace Sync
{
    public class RemoteStore
    {
        public int Version(string name)
        {
            return FetchVersionAsync(name).Result;
        }

        // Simulated remote call that fails for one name.
        private static async Task<int> FetchVersionAsync(string name)
        {
            await Task.Delay(1);
            if (name == "broken")
            {
                throw new InvalidOperationException("store rejected " + name);
            }
            return name.Length;
        }
    }
}
