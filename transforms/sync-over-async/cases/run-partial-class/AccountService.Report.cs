namespace Accounts
{
    public partial class AccountService
    {
        public string Statement(string user)
        {
            int balance = Balance(user);
            return user + ": " + balance + (IsPremium(user) ? " (premium)" : "");
        }

        private bool IsPremium(string user) => Balance(user) >= 150;
    }
}
