using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;

namespace Notify;

public class Mailer
{
    private static readonly HttpClient Http = new HttpClient();

    public async Task<List<string>> RecipientsAsync()
    {
        string[] lines = await File.ReadAllLinesAsync("recipients.txt");
        return new List<string>(lines);
    }

    public async Task SendAsync(string to)
    {
        await Http.PostAsync("https://mail.example.com/send", new StringContent(to));
    }
}
