using System.Threading.Tasks;

namespace Buffers
{
    public class Counters
    {
        private readonly int[] _slots;

        public Counters(int size)
        {
            _slots = new int[size];
        }

        public void Bump(int slot)
        {
            ref int value = ref _slots[slot];
            value += StepAsync(slot).Result;
        }

        public override string ToString() => string.Join(",", _slots);

        // Simulated remote increment size.
        private static async Task<int> StepAsync(int slot)
        {
            await Task.Delay(1);
            return slot * 10;
        }
    }
}
