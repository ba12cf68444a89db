// case: rewrite
// Two-space indentation with braces at the end of the line: new code follows the file's style.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Cache {
  public class Warmer {
    public async Task WarmAsync(IEnumerable<string> keys) {
      await Task.WhenAll(keys.Select(k => LoadAsync(k)));
    }

    public async Task WarmSlowlyAsync(IEnumerable<string> keys) {
      await Task.WhenAll(keys.Select(async k => {
        var value = await LoadAsync(k);
        Store(k, value);
      }));
    }

    private Task<string> LoadAsync(string key) {
      return Task.FromResult(key);
    }

    private void Store(string key, string value) {
    }
  }
}
