namespace Directory
{
    public class People
    {
        private readonly NameStore _store;

        public People(NameStore store)
        {
            _store = store;
        }

        public int NameLength(int id) => _store.GetNameAsync(id).Result.Length;

        public string Shout(int id) => _store.GetNameAsync(id).Result.ToUpperInvariant();

        public int Score(int id) => _store.GetScoreAsync(id).Result * 2 + 1;

        public bool IsShort(int id) => NameLength(id) < 5;

        public int TotalLetters(int a, int b) => NameLength(a) + NameLength(b);

        public string Describe(int id) =>
            Shout(id) + " len=" + NameLength(id) + " score=" + Score(id) + (!IsShort(id) ? " long" : " short");
    }
}
