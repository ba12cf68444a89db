using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Library
{
    public interface IStore
    {
        Task<int> LoadAsync(int id);
    }

    public class DelayStore : IStore
    {
        public async Task<int> LoadAsync(int id)
        {
            await Task.Delay(id);
            return id;
        }
    }

    public abstract class Writer
    {
        public abstract Task WriteAsync(Stream target, byte[] data);
    }

    public sealed class PlainWriter : Writer
    {
        public override async Task WriteAsync(Stream target, byte[] data)
        {
            await target.WriteAsync(data, 0, data.Length);
        }
    }

    public static class HttpExtensions
    {
        public static async Task<string> FetchAsync(this HttpClient http, string url, int retries = 2)
        {
            HttpResponseMessage response = await http.GetAsync(url);
            return response.StatusCode.ToString() + retries;
        }
    }

    public class Outbox
    {
        public Task PushAsync(string to) => PushAsync(to, CancellationToken.None);

        public Task PushAsync(string to, CancellationToken token) => Task.Delay(to.Length, token);
    }

    public class Log
    {
        private readonly Stream _sink = Stream.Null;

        public async Task WriteAsync(string format, params object[] values)
        {
            byte[] line = System.Text.Encoding.UTF8.GetBytes(string.Format(format, values));
            await _sink.WriteAsync(line, 0, line.Length);
        }
    }
}
