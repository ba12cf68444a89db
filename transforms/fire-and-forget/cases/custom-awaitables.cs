// case: rewrite
using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

// A solution type with a GetAwaiter() whose awaiter implements INotifyCompletion is awaitable: dropped, it is
// awaited (without ConfigureAwait, which it does not have). One whose GetAwaiter returns no awaiter is not.
public class Jobs
{
    public async Task RunAsync()
    {
        await Task.Delay(1).ConfigureAwait(false);
        Start();
        Plan();
    }

    private Job Start() => new Job();

    private Sketch Plan() => new Sketch();
}

public class Job
{
    public JobAwaiter GetAwaiter() => new JobAwaiter();
}

public class JobAwaiter : INotifyCompletion
{
    public bool IsCompleted => true;

    public void OnCompleted(Action continuation) { }

    public void GetResult() { }
}

public class Sketch
{
    public SketchAwaiter GetAwaiter() => new SketchAwaiter();
}

public class SketchAwaiter
{
    public bool IsCompleted => false;

    public int GetResult() => 0;
}
