using System.Threading.Tasks;

namespace Compute
{
    public class Engine
    {
        public int Checksum(int[] values)
        {
            int sum = Task.Run(() => Hash(values)).Result;
            return sum % 1000;
        }

        public string Report(int n)
        {
            string text = Task.Run(() => Describe(n)).Result;
            return "[" + text + "]";
        }

        private string Describe(int n)
        {
            int square = Store.LoadAsync(n).Result;
            return n + "^2=" + square;
        }

        private static int Hash(int[] values)
        {
            int h = 17;
            foreach (int v in values)
            {
                h = h * 31 + v;
            }
            return h;
        }
    }

    public static class Store
    {
        // Simulated lookup.
        public static async Task<int> LoadAsync(int n)
        {
            await Task.Delay(1);
            return n * n;
        }
    }
}
