// case: rewrite
using System.Collections.Generic;
using System.Threading.Tasks;

public class Importer
{
    public async Task ImportAsync(List<string> lines)
    {
        await Task.Yield();
        lines.ForEach(async line =>
        {
            if (string.IsNullOrEmpty(line))
            {
                return;
            }
            switch (line[0])
            {
                case '#':
                    return;
            }
            await StoreAsync(line);
        });
        // A return inside a loop of the lambda would need `continue` of the outer loop: reported.
        lines.ForEach(async line =>
        {
            foreach (var part in line.Split(','))
            {
                if (part.Length == 0)
                {
                    return;
                }
                await StoreAsync(part);
            }
        });
    }

    private Task StoreAsync(string line) => Task.CompletedTask;
}
