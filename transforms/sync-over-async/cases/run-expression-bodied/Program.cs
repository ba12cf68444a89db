// case: rewrite
// oracle: run
// Expression-bodied members that use a task's result inside larger expressions: member access,
// arithmetic, comparison, negation, string concatenation and a conditional.
using System;

namespace Directory
{
    public static class Program
    {
        public static void Main()
        {
            var people = new People(new NameStore());
            for (int id = 1; id <= 3; id++)
            {
                Console.WriteLine(people.Describe(id));
            }
            Console.WriteLine("total letters: " + people.TotalLetters(1, 3));
        }
    }
}
