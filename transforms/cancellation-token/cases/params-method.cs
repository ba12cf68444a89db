// case: rewrite
// A token never goes ahead of `params` arguments. A `params` method gets no new token parameter (its callers'
// arguments would move: `CancellationToken.None` ahead of them where there is no token), and a method that
// takes a token before its `params` array gets it only from calls that pass no `params` arguments.
using System.IO;
using System.Threading;
using System.Threading.Tasks;

public class AuditLog
{
    private readonly Stream _sink = Stream.Null;

    public async Task WriteAsync(string format, params object[] values)
    {
        byte[] line = System.Text.Encoding.UTF8.GetBytes(string.Format(format, values));
        await _sink.WriteAsync(line, 0, line.Length);
    }

    public async Task TraceAsync(string format, CancellationToken cancellationToken = default, params object[] values)
    {
        byte[] line = System.Text.Encoding.UTF8.GetBytes(string.Format(format, values));
        await _sink.WriteAsync(line, 0, line.Length, cancellationToken);
    }

    public async Task RecordAsync(int orderId, string user, CancellationToken ct)
    {
        await WriteAsync("order {0} by {1}", orderId, user);
        await WriteAsync("done");
        await TraceAsync("order {0}", orderId);
        await TraceAsync("traced");
    }

    public Task RecordStartup()
    {
        return WriteAsync("started at {0}", System.DateTime.UtcNow);
    }
}
