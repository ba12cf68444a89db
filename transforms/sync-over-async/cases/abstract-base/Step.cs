// case: rewrite
namespace Pipeline
{
    public abstract class Step
    {
        public abstract int Execute();
    }
}
