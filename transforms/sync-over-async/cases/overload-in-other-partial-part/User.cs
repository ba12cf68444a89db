namespace Shop
{
    public class User
    {
        public string Show(Formatter formatter) => formatter.Format(1) + formatter.Format("a");
    }
}
