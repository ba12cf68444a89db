using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace Notify;

public class Mailer
{
    public async Task<List<string>> RecipientsAsync()
    {
        string[] lines = await File.ReadAllLinesAsync("recipients.txt");
        return new List<string>(lines);
    }

    public async Task SendAsync(string to)
    {
        await File.AppendAllTextAsync("outbox.txt", to + "\n");
    }
}
