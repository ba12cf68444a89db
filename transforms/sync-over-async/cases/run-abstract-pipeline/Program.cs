// case: rewrite
// oracle: run
// An abstract step with three overrides, one of which blocks; the abstract member, every override
// and the loop that runs them through the base type all change together.
using System;
using System.Collections.Generic;

namespace Pipeline
{
    public static class Program
    {
        public static void Main()
        {
            var steps = new List<Step> { new TrimStep(), new LookupStep(), new UpperStep() };
            var runner = new Runner(steps);
            Console.WriteLine("result: " + runner.Run("  order-7  "));
        }
    }
}
