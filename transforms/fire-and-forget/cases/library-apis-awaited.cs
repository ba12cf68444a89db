// case: rewrite
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;

public class Uploader
{
    public async Task UploadAsync(HttpClient client, Stream stream, byte[] data)
    {
        stream.WriteAsync(data, 0, data.Length);
        stream.FlushAsync();
        client.PostAsync("https://example.org", new ByteArrayContent(data));
        Task.Delay(500);
        await Task.Yield();
    }
}
