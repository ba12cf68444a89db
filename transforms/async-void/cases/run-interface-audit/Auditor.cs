using System;

namespace Audit
{
    public class Auditor
    {
        private readonly IAuditSink[] _sinks;

        public Auditor(IAuditSink[] sinks)
        {
            _sinks = sinks;
        }

        public void Record(string action, string user)
        {
            string entry = DateTimeFormat(action, user);
            foreach (IAuditSink sink in _sinks)
            {
                sink.Write(entry);
            }
        }

        private static string DateTimeFormat(string action, string user) => user + " " + action;
    }
}
