namespace Shop.Pages
{
    public class Page
    {
        public string Show(Formatter formatter) => "<b>" + formatter.Format(1) + "</b>";
    }
}
