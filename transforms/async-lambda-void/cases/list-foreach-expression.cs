// case: rewrite
using System.Collections.Generic;
using System.Threading.Tasks;

public class Mailer
{
    private readonly List<string> _recipients = new List<string>();

    public async Task SendAllAsync(string text)
    {
        await Task.Yield();
        _recipients.ForEach(async r => await SendAsync(r, text));
        var copies = new List<string> { "audit" };
        copies.ForEach(async (string c) => await SendAsync(c,
            text));
    }

    private Task SendAsync(string to, string text) => Task.CompletedTask;
}
