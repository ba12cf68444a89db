// case: left-alone
using System;
using System.Threading.Tasks;

namespace Shop
{
    public class Jobs
    {
        private Task<int> WorkAsync() => Task.FromResult(1);

        public int Work()
        {
            return WorkAsync().Result;
        }

        public void Schedule()
        {
            Func<int> job = Work;
            job();
        }
    }
}
