// case: rewrite
// Sources that can be as large as the data: a method parameter, a request's input, a repository's result, a
// directory listing, a range of computed length. Each fan-out is bounded.
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Sync
{
    public class Request
    {
        public List<int> Ids { get; set; } = new List<int>();
    }

    public interface IUserRepository
    {
        Task<List<string>> GetManyByOrganizationAsync(int organizationId);
    }

    public class Syncer
    {
        private readonly IUserRepository _userRepository;

        public Syncer(IUserRepository userRepository) => _userRepository = userRepository;

        private Task PushAsync(object item) => Task.CompletedTask;

        public async Task PushIdsAsync(IEnumerable<int> ids)
        {
            await Task.WhenAll(ids.Select(id => PushAsync(id)));
        }

        public async Task PushRequestAsync(Request request)
        {
            await Task.WhenAll(request.Ids.Where(i => i > 0).Select(id => PushAsync(id)));
        }

        public async Task PushUsersAsync(int organizationId)
        {
            var users = await _userRepository.GetManyByOrganizationAsync(organizationId);
            await Task.WhenAll(users.Select(u => PushAsync(u)));
        }

        public async Task PushFilesAsync(string folder)
        {
            var files = Directory.GetFiles(folder, "*.json");
            await Task.WhenAll(files.Select(f => PushAsync(f)));
        }

        public async Task PushRangeAsync(int count)
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(i => PushAsync(i)));
        }
    }
}
