namespace App;

public class Counter
{
    private readonly Source _source = new();

    public int Total() => _source.ReadAsync().Result;

    public async System.Threading.Tasks.Task<int> ReportAsync()
    {
        await System.Threading.Tasks.Task.Yield();
        return Total();
    }
}

public class Source
{
    public System.Threading.Tasks.Task<int> ReadAsync() => System.Threading.Tasks.Task.FromResult(2);
}
