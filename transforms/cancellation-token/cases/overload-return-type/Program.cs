// case: rewrite
// oracle: run
// An overload that takes a token but returns something else is another method, not the same call with a token:
// `Save(name)` returns a task, `Save(name, token)` a count, and `var pending = store.Save(name)` is awaited below.
// Inside `AcceptAsync(request, token)`, `this.AcceptAsync(request)` is the quick check that returns a bool; the
// overload that takes the token is the method itself and returns a task. Both calls stay as they are; the delay
// beside them gets the token.
using System;
using System.Threading;
using System.Threading.Tasks;

namespace Returns
{
    public class Store
    {
        public int Saved;

        public async Task Save(string name)
        {
            await Task.Delay(1);
            Saved += name.Length;
        }

        public int Save(string name, CancellationToken token)
        {
            return name.Length;
        }
    }

    public class Listener
    {
        public bool AcceptAsync(string request)
        {
            return request.StartsWith("ws:");
        }

        public async Task<string> AcceptAsync(string request, CancellationToken token)
        {
            if (this.AcceptAsync(request))
            {
                await Task.Delay(1, token);
                return "accepted " + request;
            }
            return "refused " + request;
        }
    }

    public class Session
    {
        public async Task<string> OpenAsync(Store store, Listener listener, CancellationToken ct)
        {
            var pending = store.Save("session");
            await pending;
            await Task.Delay(1);
            string first = await listener.AcceptAsync("ws:one", ct);
            string second = await listener.AcceptAsync("http:two", ct);
            return first + ", " + second + ", saved " + store.Saved;
        }
    }

    public static class Program
    {
        public static void Main()
        {
            using (var cts = new CancellationTokenSource())
            {
                var session = new Session();
                Console.WriteLine(session.OpenAsync(new Store(), new Listener(), cts.Token).GetAwaiter().GetResult());
            }
        }
    }
}
