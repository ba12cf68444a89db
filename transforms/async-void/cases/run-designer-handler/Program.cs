// case: rewrite
// oracle: run
// Handlers subscribed in a designer file (`new XHandler(M)` and `+=`) keep `async void`: the event's delegate
// type returns void, so `async Task` would not compile there (CS0407), and the designer file is never written.
// The method nothing subscribes becomes `async Task`.
namespace Beautifier
{
    public static class Program
    {
        public static void Main()
        {
            var form = new BeautifierForm();
            form.PickColors();
            form.Reset();
        }
    }
}
