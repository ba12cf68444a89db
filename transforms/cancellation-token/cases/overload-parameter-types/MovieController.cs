// case: rewrite
// Overloads are matched by the types of the arguments, not their number. `Accepted(movie.Id)` reaches the
// solution's `Accepted(int id, CancellationToken cancellationToken = default)` and gets the token;
// `Accepted(movie)` passes a Movie, which that overload does not take: the call goes to the framework's
// `ControllerBase.Accepted(object)`, and a token there would not compile. Where the argument's type cannot be
// established (a value from a library call), nothing is passed and the call is reported.
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace Movies;

public class Movie
{
    public int Id { get; set; }
    public string Title { get; set; } = "";
}

public class MovieController : RestController<Movie>
{
    private readonly MovieStore _store = new MovieStore();

    protected override Task<Movie> FindAsync(int id, CancellationToken cancellationToken) => _store.LoadAsync(id, cancellationToken);

    [HttpPut]
    public async Task<ActionResult<Movie>> Update(Movie movie, CancellationToken cancellationToken)
    {
        await _store.SaveAsync(movie, cancellationToken);
        return await Accepted(movie.Id);
    }

    [HttpPost]
    public async Task<ActionResult> Create(Movie movie, CancellationToken cancellationToken)
    {
        await _store.SaveAsync(movie, cancellationToken);
        return Accepted(movie);
    }

    [HttpPost("import")]
    public async Task<ActionResult<Movie>> Import(string json, CancellationToken cancellationToken)
    {
        var movie = System.Text.Json.JsonSerializer.Deserialize<Movie>(json)!;
        await _store.SaveAsync(movie, cancellationToken);
        return await Accepted(int.Parse(json));
    }
}

public class MovieStore
{
    public Task<Movie> LoadAsync(int id, CancellationToken cancellationToken) => Task.FromResult(new Movie { Id = id });

    public Task SaveAsync(Movie movie, CancellationToken cancellationToken) => Task.Delay(1, cancellationToken);
}
