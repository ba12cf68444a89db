// case: rewrite
// C# 7.2 has no `using var`: the limiter's `using (...)` block and the loop body's new braces follow the file's
// K&R braces (`{` at the end of the line).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shop.Sync {
  public class Pusher {
    public async Task PushAllAsync(IEnumerable<int> ids) {
      var tasks = new List<Task>();
      foreach (var id in ids)
        tasks.Add(PushAsync(id));
      await Task.WhenAll(tasks);
      Console.WriteLine("pushed");
    }

    private Task PushAsync(int id) {
      return Task.Delay(id);
    }
  }
}
