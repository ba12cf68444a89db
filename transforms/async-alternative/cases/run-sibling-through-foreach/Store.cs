using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public interface IStore
    {
        string Load(int id);
        Task<string> LoadAsync(int id, CancellationToken cancellationToken = default(CancellationToken));
    }

    public class MemoryStore : IStore
    {
        private readonly string _name;

        public MemoryStore(string name)
        {
            _name = name;
        }

        public string Load(int id)
        {
            return _name + id;
        }

        public Task<string> LoadAsync(int id, CancellationToken cancellationToken = default(CancellationToken))
        {
            return Task.FromResult(_name + id);
        }
    }
}
