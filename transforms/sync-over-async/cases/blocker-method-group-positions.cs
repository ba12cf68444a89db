// case: left-alone
// A method named without a call is a method group: it becomes a delegate wherever the context gives it a
// delegate type, and `async Task` no longer fits that type. Every position below is one such context.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Jobs
{
    public class Runner
    {
        private readonly bool _inProcess;
        private Action _fallback;

        private static Task<int> FetchAsync() => Task.FromResult(1);

        private void RunInProcess() { Console.WriteLine(FetchAsync().Result); }
        private void RunSpawned() { Console.WriteLine(FetchAsync().Result); }
        private void Cast() { FetchAsync().Wait(); }
        private void Coalesced() { FetchAsync().Wait(); }
        private void Returned() { FetchAsync().Wait(); }
        private void Arrow() { FetchAsync().Wait(); }
        private void Armed() { FetchAsync().Wait(); }
        private void Listed() { FetchAsync().Wait(); }
        private void Parenthesized() { FetchAsync().Wait(); }
        private void Yielded() { FetchAsync().Wait(); }

        public void Start()
        {
            // The branches of a conditional take the delegate type of the constructor's parameter.
            var thread = new Thread(_inProcess ? RunInProcess : RunSpawned);
            thread.Start();
            var cast = (Action)Cast;
            var either = _fallback ?? Coalesced;
            var list = new List<Action> { Listed };
            Action wrapped = (Parenthesized);
            cast();
            either();
            list[0]();
            wrapped();
        }

        public Action Pick() { return Returned; }

        public Action Handler => Arrow;

        public Action ForMode(int mode) => mode switch { 1 => Armed, _ => () => { } };

        public IEnumerable<Action> All() { yield return Yielded; }
    }
}
