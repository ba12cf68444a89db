namespace Pipeline
{
    public class Runner
    {
        public int RunAll(Step[] steps)
        {
            int sum = 0;
            foreach (Step step in steps)
            {
                sum += step.Execute();
            }
            return sum;
        }
    }
}
