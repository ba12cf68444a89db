using System;

namespace Counters
{
    public class Counter
    {
        private readonly object _gate = new object();
        private readonly Source _source;
        private int _total;

        public Counter(Source source)
        {
            _source = source;
        }

        public void Add()
        {
            lock (_gate)
            {
                _total += _source.Fetch();
                Console.WriteLine("total now " + _total);
            }
        }

        public string Report()
        {
            int next = _source.Fetch();
            return "total=" + _total + " next=" + next;
        }
    }
}
