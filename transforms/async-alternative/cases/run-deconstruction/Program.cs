// case: rewrite
// oracle: run
// Variables deconstructed from a written tuple type have its element types: `var (order, customer) = …` and
// `(var first, var who) = …` from a method returning `(Order, Customer)` (the `foreach` forms, which Mono's
// compiler lacks, are in `deconstruction-in-foreach.cs`). Their `Save`/`Notify` calls have async siblings and
// become `await …Async(…)`. (A solution type's own `Deconstruct`, which the index does not follow, is in that file
// too: Mono's compiler lacks it as well.)
using System;
using Shop.Data;

namespace Shop
{
    public static class Program
    {
        public static void Main()
        {
            Console.WriteLine(new Desk().HandleAsync(1).GetAwaiter().GetResult());
        }
    }
}
