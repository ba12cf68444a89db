namespace Audit
{
    public interface IAuditSink
    {
        void Write(string entry);
    }
}
