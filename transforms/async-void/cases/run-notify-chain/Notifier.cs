using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shop
{
    public class Notifier
    {
        private readonly MessageStore _store;

        public Notifier(MessageStore store)
        {
            _store = store;
        }

        public async void Notify(string customer, string text)
        {
            string address = await _store.LookupAsync(customer);
            await _store.SaveAsync(address + ": " + text);
            Console.WriteLine("  notified " + address);
        }
    }

    public class MessageStore
    {
        public List<string> Messages { get; } = new List<string>();

        // In-memory stand-ins for I/O: already-completed tasks.
        public Task<string> LookupAsync(string customer) => Task.FromResult(customer + "@example.org");

        public Task SaveAsync(string message)
        {
            Messages.Add(message);
            return Task.CompletedTask;
        }
    }
}
