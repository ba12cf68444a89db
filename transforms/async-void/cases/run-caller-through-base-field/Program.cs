// case: rewrite
// oracle: run
// An async void method of an override becomes async Task, so the override and the abstract member it overrides
// return a task; the caller reaches the abstract member through a field of the base type, in a nested class
// whose name (SendAsyncResult) a nested class of another type shares, with a field of the same name and another
// type: the field is looked up in the caller's own class, and the call is awaited (CS0029 otherwise).
using System;

namespace Transport
{
    public static class Program
    {
        public static void Main()
        {
            TransportChannel channel = new StreamedChannel();
            Console.WriteLine(channel.Send("hello"));
            Console.WriteLine(new QueuedChannel().Send("queued"));
        }
    }
}
