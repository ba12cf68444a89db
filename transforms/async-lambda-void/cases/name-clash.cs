// case: rewrite
using System.Collections.Generic;
using System.Threading.Tasks;

public class Sender
{
    public async Task SendAsync(List<string> items)
    {
        await Task.Yield();
        // `item` of this loop is in a sibling scope: no clash.
        foreach (var item in items)
        {
            System.Console.WriteLine(item);
        }
        items.ForEach(async item => await PostAsync(item));

        // `text` is declared around the statement: as a loop's, the lambda's local would clash (CS0136).
        var text = "x";
        items.ForEach(async item =>
        {
            var text = item.Trim();
            await PostAsync(text);
        });
        System.Console.WriteLine(text);
    }

    private Task PostAsync(string item) => Task.CompletedTask;
}
