// case: rewrite
using System.Collections.Generic;
using System.Threading.Tasks;

public class Sync {
  public async Task PushAsync(List<int> ids) {
    await Task.Yield();
    ids.ForEach(async id => {
      await SendAsync(id);
    });
    ids.ForEach(async id => await SendAsync(id));
  }

  private Task SendAsync(int id) => Task.CompletedTask;
}
