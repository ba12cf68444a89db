namespace Lib.Other
{
    // Not imported in Lib: a `Repository` whose `CountAsync` gives no task.
    public class Repository
    {
        public Pending CountAsync() => new Pending();
    }

    public class Pending
    {
        public int Result => 1;
    }
}
