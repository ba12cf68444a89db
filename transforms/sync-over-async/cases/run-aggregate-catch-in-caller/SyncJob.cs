namespace Sync
{
    public class SyncJob
    {
        private readonly RemoteStore _store;

        public SyncJob(RemoteStore store)
        {
            _store = store;
        }

        public string Run(string name)
        {
            int version = _store.Version(name);
            return name + "@" + version;
        }

        // Already async: it awaits Version for real once Version is async, which is what makes the change worth
        // its boundaries in Main.
        public async System.Threading.Tasks.Task<int> CheckAsync(string name)
        {
            await System.Threading.Tasks.Task.Yield();
            return _store.Version(name);
        }
    }
}
