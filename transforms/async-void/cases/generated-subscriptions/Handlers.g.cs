namespace Gadgets
{
    partial class Handlers
    {
        public void WireAll()
        {
            Saved += OnSaved;
            Refresh();
        }

        private async void Generated()
        {
            await System.Threading.Tasks.Task.Delay(1);
        }
    }
}
