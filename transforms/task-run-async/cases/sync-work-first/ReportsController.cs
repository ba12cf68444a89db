// case: left-alone
// The lambda does synchronous work before the async call starts (a statement before it, a call in its
// arguments or its receiver): Task.Run keeps that work off the request's thread. Left, with a note.
using System.Threading.Tasks;

namespace Shop
{
    public interface IStore
    {
        Task SaveAsync(string name, string content);
        IStore Scoped();
    }

    public class ReportsController
    {
        private readonly IStore _store;

        public ReportsController(IStore store) => _store = store;

        public async Task Post(string name, int[] data)
        {
            await Task.Run(async () =>
            {
                string csv = string.Join(",", data);
                await _store.SaveAsync(name, csv);
            });
            await Task.Run(() => _store.SaveAsync(name, Render(data)));
            await Task.Run(() => _store.Scoped().SaveAsync(name, "x"));
        }

        private static string Render(int[] data) => data.Length.ToString();
    }
}
