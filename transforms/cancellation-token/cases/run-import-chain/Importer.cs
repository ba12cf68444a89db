using System.Threading;
using System.Threading.Tasks;

namespace Import
{
    public class Importer
    {
        private readonly LineReader _reader;
        private readonly Throttle _throttle;

        public Importer(LineReader reader, Throttle throttle)
        {
            _reader = reader;
            _throttle = throttle;
        }

        public int Lines { get; private set; }

        public async Task<int> ImportAsync(string text, CancellationToken ct)
        {
            int total = 0;
            foreach (string line in await _reader.ReadAllAsync(text))
            {
                await _throttle.EnterAsync();
                total += line.Length;
                Lines++;
            }

            return total;
        }
    }
}
