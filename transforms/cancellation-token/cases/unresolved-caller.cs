// case: rewrite
// A method gains a token; a call that may reach it through a receiver of unknown type is
// reported (pass it by hand if it is that method), the resolved call passes it.
using System.Threading;
using System.Threading.Tasks;

public class Repo
{
    public async Task<int> LoadAsync(int id)
    {
        await Task.Delay(id);
        return id;
    }
}

public class Service
{
    private readonly Repo _repo = new Repo();

    public async Task<int> ResolvedAsync(CancellationToken ct) => await _repo.LoadAsync(1);

    public async Task<int> UnresolvedAsync(dynamic repo, CancellationToken ct) => await repo.LoadAsync(2);
}
