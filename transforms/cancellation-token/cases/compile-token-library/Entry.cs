// case: rewrite
// oracle: compile
// Interface and override groups, an extension method with an optional parameter (named token),
// an overload that takes a token, a `params` method and a LINQ lambda, all in C# 7.2: the rewrite
// must compile wherever the input does.
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Library
{
    public class Entry
    {
        private readonly IStore _store = new DelayStore();
        private readonly Writer _writer = new PlainWriter();
        private readonly HttpClient _http = new HttpClient();
        private readonly Outbox _outbox = new Outbox();
        private readonly Log _log = new Log();

        public async Task<int> RunAsync(IEnumerable<int> ids, CancellationToken ct)
        {
            int[] all = await Task.WhenAll(ids.Select(id => _store.LoadAsync(id)));
            await _writer.WriteAsync(Stream.Null, new byte[] { 1 });
            string status = await _http.FetchAsync("http://localhost/");
            await _outbox.PushAsync("ann");
            await _log.WriteAsync("{0} items", all.Length);
            return all.Sum() + status.Length;
        }
    }
}
