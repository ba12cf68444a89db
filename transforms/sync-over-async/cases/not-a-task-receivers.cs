// case: left-alone
// `.Result` / `.Wait(...)` on receivers declared with a type that is no task, and `Task<T>.Result` named
// inside `nameof`, `typeof` and attributes: nothing here blocks on a task.
using System;
using System.ComponentModel;
using System.Linq.Expressions;
using System.Threading;
using System.Threading.Tasks;

namespace Printing
{
    public class Printer
    {
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

        /// <summary>Prints <see cref="BlockExpression.Result"/>, never <see cref="Task{TResult}.Result"/>.</summary>
        public string Print(BlockExpression block)
        {
            return block.Result.ToString();
        }

        public void Enter(CancellationToken token)
        {
            _gate.Wait(token);
        }

        public void Pause(ManualResetEventSlim signal)
        {
            signal.Wait(100);
        }

        [Description(nameof(Task<object>.Result))]
        public string Describe() => nameof(Task<object>.Result) + typeof(Task<int>).GetProperty("Result").Name;
    }
}
