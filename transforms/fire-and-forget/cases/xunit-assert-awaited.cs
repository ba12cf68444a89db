// case: rewrite
// args: --include-review
using System;
using System.Threading.Tasks;
using Xunit;

// xUnit's Assert.ThrowsAsync returns a task: dropped, the assertion never fails the test.
public class ImporterTests
{
    [Fact]
    public async Task RejectsEmptyFilesAsync()
    {
        Assert.ThrowsAsync<ArgumentException>(() => ImportAsync(""));
        await Task.Yield();
    }

    private static Task ImportAsync(string path) => Task.CompletedTask;
}
