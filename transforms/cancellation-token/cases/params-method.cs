// case: rewrite
// A `params` method on the path gets its token before the `params` array; calls that pass
// `params` arguments get the token in front of them (CancellationToken.None without one).
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

    public async Task RecordAsync(int orderId, string user, CancellationToken ct)
    {
        await WriteAsync("order {0} by {1}", orderId, user);
        await WriteAsync("done");
    }

    public Task RecordStartup()
    {
        return WriteAsync("started at {0}", System.DateTime.UtcNow);
    }
}
