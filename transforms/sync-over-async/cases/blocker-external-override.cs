// case: left-alone
using System;
using System.Threading.Tasks;

namespace Shop
{
    public class Money
    {
        private Task<string> FormatAsync() => Task.FromResult("1 EUR");

        public override string ToString()
        {
            return FormatAsync().Result;
        }
    }

    public class Connection : IDisposable
    {
        private Task CloseAsync() => Task.Delay(1);

        public void Dispose()
        {
            CloseAsync().Wait();
        }
    }
}
