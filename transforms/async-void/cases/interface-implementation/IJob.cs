// case: rewrite
namespace Jobs
{
    public interface IJob
    {
        void Run();
    }
}
