namespace Shop
{
    public class Users
    {
        private Repo Field { get; } = new Repo();

        public string A()
        {
            var repo = new Repo();
            return repo.Name();
        }

        public string B(Repo repo) => repo.Name();

        public string C() => this.Field.Name();

        public string D() => new Repo().Name();
    }
}
