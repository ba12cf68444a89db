// case: rewrite
// Where `.ConfigureAwait(false)` goes: after a call, a member, an element, a `!`, a parenthesized `?:` or `??`
// whose branches are all tasks; a cast is put in parentheses first. Awaits in lambdas and expression bodies
// count as well. A comment between `await` and its operand stays where it is. Awaiting a configured
// Task<Task> gives a Task that is not configured: the outer await still gets ConfigureAwait.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Contoso.Mail
{
    public class Shapes
    {
        private Task<int>? _pending;
        private readonly List<Task> _queue = new List<Task>();

        public async Task<int> RunAsync(bool fast, object boxed)
        {
            int a = await (fast ? FastAsync() : SlowAsync());
            int b = await (_pending ?? FastAsync());
            await _queue[0];
            int c = await _pending!;
            await (Task)boxed;
            Func<Task<int>> later = async () => await FastAsync() + 1;
            return a + b + c + await later();
        }

        public async Task<int> TwiceAsync() => 2 * await FastAsync();

        public async Task NestedAsync(Task<Task> started)
        {
            await /* the inner task */ started /* then its work */;
            await await started.ConfigureAwait(false);
            await (await started.ConfigureAwait(false)).ConfigureAwait(false);
        }

        private Task<int> FastAsync() => Task.FromResult(1);

        private async Task<int> SlowAsync()
        {
            await Task.Delay(10);
            return 2;
        }
    }
}
