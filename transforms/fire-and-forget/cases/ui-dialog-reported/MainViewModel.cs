// case: rewrite
using System.Threading.Tasks;

namespace App
{
    public class MainViewModel
    {
        public async Task ImportAsync()
        {
            // Completes when the user closes it: the import runs while it shows.
            ShowProgressDialogAsync();
            await LoadFilesAsync();
            CloseDialog();
            // In UI code a dropped task is awaited like anywhere else.
            RefreshAsync();
        }

        private Task ShowProgressDialogAsync() => Task.CompletedTask;

        private Task LoadFilesAsync() => Task.CompletedTask;

        private Task RefreshAsync() => Task.CompletedTask;

        private void CloseDialog() { }
    }
}
