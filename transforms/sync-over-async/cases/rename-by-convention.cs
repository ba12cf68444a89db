// case: rewrite
// The file names its task-returning methods with the Async suffix, so methods that become async and that no
// other assembly sees take it too, with their calls: without --rename-async. A public method keeps its name,
// and so do a method a documentation comment names in `cref` and one named with `nameof`.
using System.Threading.Tasks;

namespace Shop
{
    public class Orders
    {
        public Task<int> CountAsync() => Task.FromResult(2);

        public Task SaveAsync() => Task.CompletedTask;

        private Task<int> LoadAsync() => Task.FromResult(3);

        private int Load() => LoadAsync().Result;

        internal int Sum() => Load() + CountAsync().Result;

        public int Total() => Sum() * 2;

        /// <summary>Like <see cref="Describe"/>, counts first.</summary>
        private int Counted() => CountAsync().Result;

        private string Describe() => nameof(Named) + Counted();

        private int Named() => LoadAsync().Result;

        public string Report() => Describe() + Named();
    }
}
