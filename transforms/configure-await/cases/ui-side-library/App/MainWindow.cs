using System.Threading.Tasks;

namespace App
{
    public class MainWindow
    {
        private readonly ViewModels.OrdersViewModel _model;

        public MainWindow(ViewModels.OrdersViewModel model) => _model = model;

        public async Task OnLoadedAsync()
        {
            await _model.RefreshAsync();
        }
    }
}
