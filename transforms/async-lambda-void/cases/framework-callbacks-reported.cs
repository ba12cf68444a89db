// case: left-alone
using System;
using System.Threading;
using System.Threading.Tasks;

public class Scheduler
{
    private readonly SynchronizationContext _context = SynchronizationContext.Current;

    public Task Schedule()
    {
        // Task(Action): the task completes at the first await, not when the work ends.
        var task = new Task(async () => await RunAsync());
        task.Start();
        new Thread(async () => await RunAsync()).Start();
        ThreadPool.QueueUserWorkItem(async _ => await RunAsync());
        // SendOrPostCallback: Send returns at the first await.
        _context.Send(async _ => await RunAsync(), null);
        _context.Post(async state => await RunAsync(), null);
        // Not sites: Task<Task> takes a Func, Task.Run unwraps the task, a delegate of the solution returns one.
        var outer = new Task<Task>(async () => await RunAsync());
        var mail = new Mailer();
        mail.Send(async () => await RunAsync());
        return Task.Run(async () => await RunAsync());
    }

    private static Task RunAsync() => Task.CompletedTask;
}

public class Mailer
{
    public void Send(Func<Task> compose) { }
}
