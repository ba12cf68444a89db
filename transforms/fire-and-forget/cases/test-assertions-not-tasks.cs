// case: rewrite
// args: --include-review
using System;
using System.Threading.Tasks;
using NSubstitute.ExceptionExtensions;
using NUnit.Framework;

// NUnit's async assertions run the delegate to its end and return no task, nor does a test double's
// `ThrowsAsync` configuration (NSubstitute's); a solution's `void …Async` extension returns none either, whatever
// receiver it is called on.
public class ImporterTests
{
    [Test]
    public async Task RejectsEmptyFilesAsync()
    {
        var importer = new Importer();
        Assert.ThrowsAsync<ArgumentException>(async () => await importer.ImportAsync(""));
        Assert.CatchAsync(async () => await importer.ImportAsync(""));
        Assert.DoesNotThrowAsync(async () => await importer.ImportAsync("a.csv"));
        importer.Log.TraceAsync("done");
        importer.ImportAsync("c.csv").ThrowsAsync(new ArgumentException());
        // The one dropped task.
        importer.ImportAsync("b.csv");
    }
}

public class Importer
{
    public object Log { get; } = new object();

    public Task ImportAsync(string path) => Task.CompletedTask;
}

public static class LogExtensions
{
    public static void TraceAsync(this object log, string message) { }
}
