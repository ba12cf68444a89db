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
    }
}
