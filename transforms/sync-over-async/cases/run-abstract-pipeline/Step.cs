namespace Pipeline
{
    public abstract class Step
    {
        public abstract string Execute(string input);

        public virtual string Name => GetType().Name;
    }

    public sealed class TrimStep : Step
    {
        public override string Execute(string input) => input.Trim();
    }

    public sealed class UpperStep : Step
    {
        public override string Execute(string input)
        {
            return input.ToUpperInvariant();
        }
    }
}
