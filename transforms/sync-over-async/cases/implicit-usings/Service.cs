// case: rewrite
namespace App;

public class Service
{
    private readonly Repository _repository = new();

    public int Count() => _repository.CountAsync().Result;

    public async Task<int> ReportAsync()
    {
        await Task.Yield();
        return Count();
    }
}
