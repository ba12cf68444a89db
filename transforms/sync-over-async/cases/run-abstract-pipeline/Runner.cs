using System;
using System.Collections.Generic;

namespace Pipeline
{
    public class Runner
    {
        private readonly List<Step> _steps;

        public Runner(List<Step> steps)
        {
            _steps = steps;
        }

        public string Run(string input)
        {
            string value = input;
            foreach (Step step in _steps)
            {
                value = step.Execute(value);
                Console.WriteLine("  " + step.Name + ": '" + value + "'");
            }
            return value;
        }
    }
}
