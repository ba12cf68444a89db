using System;

namespace Validation
{
    public class Validator
    {
        private readonly Rules _rules;

        public Validator(Rules rules)
        {
            _rules = rules;
        }

        public int CountInvalid(string[] records)
        {
            int invalid = 0;
            foreach (string r in records)
            {
                if (!_rules.Check(r))
                {
                    Console.WriteLine("  invalid: '" + r + "'");
                    invalid++;
                }
            }
            return invalid;
        }
    }
}
