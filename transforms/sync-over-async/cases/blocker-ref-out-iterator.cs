// case: left-alone
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shop
{
    public class Parser
    {
        private Task<int> ReadAsync() => Task.FromResult(1);

        public bool TryRead(out int value)
        {
            value = ReadAsync().Result;
            return true;
        }

        public IEnumerable<int> ReadAll()
        {
            yield return ReadAsync().Result;
        }
    }
}
