// case: rewrite
// oracle: run
// `Count` only blocks on its own async counterpart (`CountAsync().Result`). Async code that calls the wrapper
// awaits `CountAsync` instead; the wrapper stays for synchronous callers (Main).
using System;
using System.Threading.Tasks;

namespace Shop
{
    public static class Program
    {
        public static void Main()
        {
            var inbox = new Inbox();
            Console.WriteLine("sync: " + inbox.Count());
            Console.WriteLine("async: " + new Badge(inbox).TextAsync().GetAwaiter().GetResult());
        }
    }

    public class Inbox
    {
        public int Count()
        {
            return CountAsync().Result;
        }

        public Task<int> CountAsync()
        {
            return Task.FromResult(3);
        }
    }

    public class Badge
    {
        private readonly Inbox _inbox;

        public Badge(Inbox inbox)
        {
            _inbox = inbox;
        }

        public async Task<string> TextAsync()
        {
            await Task.Yield();
            return "(" + _inbox.Count() + ")";
        }
    }
}
