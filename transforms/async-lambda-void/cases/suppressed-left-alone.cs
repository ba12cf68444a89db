// case: left-alone
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

public class SubmoduleTree
{
    public void LoadToolTips(List<string> nodes, CancellationToken token)
    {
#pragma warning disable VSTHRD101 // Avoid unsupported async delegates
        nodes.ForEach(async node =>
        {
            await SetToolTipAsync(node, token).ConfigureAwait(false);
        });
#pragma warning restore VSTHRD101
    }

    private Task SetToolTipAsync(string node, CancellationToken token) => Task.CompletedTask;
}
