// case: rewrite
// args: --all-transforms
// sync-over-async makes `Render` async in the same run: its new awaits take `.ConfigureAwait(false)` like the
// awaits configure-await configures, so a second run has nothing to add. The file has no await of its own
// that is configured, so its habit alone would not have said so.
using System.Threading.Tasks;

namespace Contoso.Mail
{
    public class Reports
    {
        private readonly IStore _store;

        public Reports(IStore store) => _store = store;

        public async Task<string> TitleAsync(int id)
        {
            return await _store.LoadAsync(id);
        }

        internal string Render(int id)
        {
            string body = _store.LoadAsync(id).Result;
            return "<p>" + body + "</p>";
        }

        public async Task<int> LengthAsync(int id)
        {
            string page = Render(id);
            return page.Length + (await TitleAsync(id)).Length;
        }
    }

    public interface IStore
    {
        Task<string> LoadAsync(int id);
    }
}
