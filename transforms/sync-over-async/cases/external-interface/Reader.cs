// case: left-alone
using System.Collections;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shop
{
    public class Reader : IEnumerable<int>
    {
        private Task<List<int>> LoadAsync() => Task.FromResult(new List<int>());

        public IEnumerator<int> GetEnumerator() => LoadAsync().Result.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
