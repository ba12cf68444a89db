namespace Profiles
{
    public class Directory
    {
        private readonly ProfileStore _store;

        public Directory(ProfileStore store)
        {
            _store = store;
        }

        public string Describe(int id)
        {
            return "user " + id + ": name length " + _store.FindName(id)?.Length
                + ", bio length " + _store.LoadBioAsync(id).Result?.Length;
        }
    }
}
