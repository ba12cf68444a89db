using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Audit
{
    public class ConsoleSink : IAuditSink
    {
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);
        private int _written;

        public async void Write(string entry)
        {
            await _gate.WaitAsync();
            try
            {
                _written++;
                Console.WriteLine("  console #" + _written + ": " + entry);
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    public class MemorySink : IAuditSink
    {
        public List<string> Entries { get; } = new List<string>();

        public void Write(string entry)
        {
            Entries.Add(entry);
        }
    }
}
