// case: rewrite
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

public class Archiver
{
    public async Task ArchiveAsync(IEnumerable<string> files)
    {
        await Task.Yield();
        files
            .Where(f => f.EndsWith(".log"))
            .ToList()
            .ForEach(async file =>
            {
                var text = @"archived:
  done";
                await MoveAsync(file, text);
            });
    }

    private Task MoveAsync(string file, string note) => Task.CompletedTask;
}
