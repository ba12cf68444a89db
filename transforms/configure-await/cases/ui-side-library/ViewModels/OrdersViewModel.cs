// case: left-alone
// A library only the WPF application runs: its view models update bound collections after their awaits,
// which must happen on the UI thread, so their awaits keep the context.
using System.Collections.ObjectModel;
using System.Threading.Tasks;

namespace ViewModels
{
    public interface IOrderService
    {
        Task<string[]> LoadAsync();
    }

    public class OrdersViewModel
    {
        private readonly IOrderService _service;

        public OrdersViewModel(IOrderService service) => _service = service;

        public ObservableCollection<string> Orders { get; } = new ObservableCollection<string>();

        public async Task RefreshAsync()
        {
            string[] loaded = await _service.LoadAsync();
            Orders.Clear();
            foreach (string order in loaded)
            {
                Orders.Add(order);
            }
        }
    }
}
