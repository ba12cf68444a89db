// case: rewrite
// args: --include-review
// NUnit comes in through the project's `<Using Include="NUnit.Framework" />` (as NUnit's project template writes
// it): its `Assert.ThrowsAsync` runs the delegate to its end and returns the exception, no task to await.
public class ImporterTests
{
    [Test]
    public async Task RejectsEmptyFilesAsync()
    {
        var importer = new Importer();
        Assert.ThrowsAsync<ArgumentException>(async () => await importer.ImportAsync(""));
        // The one dropped task.
        importer.ImportAsync("b.csv");
        await Task.Yield();
    }
}

public class Importer
{
    public Task ImportAsync(string path) => Task.CompletedTask;
}
