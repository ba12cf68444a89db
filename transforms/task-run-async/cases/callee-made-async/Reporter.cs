// case: rewrite
// args: --all-transforms
// The Task.Run lambda calls a method that blocks, which sync-over-async makes async in this run, together with
// the lambda and the method around the Task.Run: the pass over that output unwraps the Task.Run (in a console
// tool no context needs it), so a second run finds nothing.
using System.Threading.Tasks;

namespace Tool
{
    public interface IStore
    {
        Task<int> LoadAsync(int n);
    }

    public class Reporter
    {
        private readonly IStore _store;

        public Reporter(IStore store) => _store = store;

        public string Report(int n)
        {
            string text = Task.Run(() => Describe(n)).Result;
            return "[" + text + "]";
        }

        private string Describe(int n)
        {
            int square = _store.LoadAsync(n).Result;
            return n + "^2=" + square;
        }
    }
}
