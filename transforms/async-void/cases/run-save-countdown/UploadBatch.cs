using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Uploads
{
    public class UploadBatch
    {
        private readonly string[] _files;
        private readonly ConcurrentBag<string> _done = new ConcurrentBag<string>();
        private readonly CountdownEvent _pending;

        public UploadBatch(string[] files)
        {
            _files = files;
            _pending = new CountdownEvent(files.Length);
        }

        public void Run()
        {
            foreach (string file in _files)
            {
                Upload(file);
            }
            _pending.Wait();
            Console.WriteLine("all " + _files.Length + " signalled");
        }

        public string[] Results() => _done.OrderBy(x => x, StringComparer.Ordinal).ToArray();

        private async void Upload(string file)
        {
            Console.WriteLine("  start " + file);
            // Simulated network transfer.
            await Task.Delay(1);
            _done.Add(file + ":" + file.Length);
            _pending.Signal();
        }
    }
}
