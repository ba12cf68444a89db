// case: left-alone
// Locks around blocking waits that cannot become semaphores, each reported with why: a lock on `this` (anyone
// holding the object can take it), on a field that is not private, on a field also used with `Monitor`, a lock
// nested in one on the same object, a call under the lock back into a method that takes it (a semaphore is not
// re-entrant), and a field the class also hands out.
using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public class OnThis
    {
        public int Get()
        {
            lock (this)
            {
                return Task.FromResult(1).Result;
            }
        }
    }

    public class PublicGate
    {
        public readonly object Gate = new object();

        public int Get()
        {
            lock (Gate)
            {
                return Task.FromResult(1).Result;
            }
        }
    }

    public class WithMonitor
    {
        private readonly object _gate = new object();

        public int Get()
        {
            lock (_gate)
            {
                Monitor.Wait(_gate, 10);
                return Task.FromResult(1).Result;
            }
        }
    }

    public class Nested
    {
        private readonly object _gate = new object();

        public int Get()
        {
            lock (_gate)
            {
                lock (_gate)
                {
                    return Task.FromResult(1).Result;
                }
            }
        }
    }

    public class Reentrant
    {
        private readonly object _gate = new object();
        private int _value;

        public int Get()
        {
            lock (_gate)
            {
                return Task.FromResult(1).Result + Peek();
            }
        }

        private int Peek()
        {
            return Read();
        }

        private int Read()
        {
            lock (_gate)
            {
                return _value;
            }
        }
    }

    public class HandedOut
    {
        private readonly object _gate = new object();

        public object Gate()
        {
            return _gate;
        }

        public int Get()
        {
            lock (_gate)
            {
                return Task.FromResult(1).Result;
            }
        }
    }
}
