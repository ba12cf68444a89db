// case: rewrite
// oracle: compile
// A view-model library (compiled, not run): `async void` helpers become `async Task`, while the
// event handler wired with `+=` and the method passed as an `Action` keep `async void`.
using System;
using System.Threading.Tasks;

namespace Ui
{
    public class ViewModel
    {
        private readonly Timer _timer = new Timer();
        private string _status = "idle";

        public ViewModel()
        {
            _timer.Tick += OnTick;
        }

        public string Status => _status;

        public void Refresh()
        {
            LoadAsync("refresh");
        }

        // The library's own caller of Refresh: a UI library's method that nothing in the solution calls may be
        // bound from markup, so it keeps its signature.
        public async Task ReloadAsync()
        {
            await Task.Yield();
            Refresh();
        }

        public void Schedule(Scheduler scheduler)
        {
            scheduler.Later(Reset);
        }

        private async void OnTick(object sender, EventArgs e)
        {
            await Task.Delay(1);
            _status = "ticked";
        }

        private async void LoadAsync(string reason)
        {
            await Task.Delay(1);
            _status = "loaded by " + reason;
            SaveStatus();
        }

        private async void SaveStatus()
        {
            await Task.Yield();
        }

        private async void Reset()
        {
            await Task.Delay(1);
            _status = "idle";
        }
    }

    public class Timer
    {
        public event EventHandler Tick;

        public void Fire() => Tick?.Invoke(this, EventArgs.Empty);
    }

    public class Scheduler
    {
        public void Later(Action action) => action();
    }
}
