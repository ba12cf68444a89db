// case: rewrite
// Reads that come before the evidence, or of another task, still block and are rewritten.
using System.Threading.Tasks;

namespace Cache
{
    public class Reader
    {
        private Task<int> LoadAsync() => Task.FromResult(1);

        public async Task<int> ReadBeforeAwaitAsync()
        {
            Task<int> t = LoadAsync();
            int early = t.Result;
            await t;
            return early;
        }

        public int OtherTask(Task<int> checkedTask)
        {
            Task<int> other = LoadAsync();
            if (checkedTask.IsCompleted)
            {
                return other.Result;
            }
            return 0;
        }
    }
}
