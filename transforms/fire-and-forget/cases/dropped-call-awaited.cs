// case: rewrite
using System.Threading.Tasks;

namespace Shop
{
    public class Order { }

    public class Checkout
    {
        private readonly Repository _repository = new Repository();

        public async Task PlaceAsync(Order order)
        {
            await _repository.SaveAsync(order);
            // The confirmation used to run on after PlaceAsync returned.
            SendConfirmationAsync(order);
            _repository.AuditAsync(order);
        }

        private async Task SendConfirmationAsync(Order order)
        {
            await Task.Delay(1);
        }
    }

    public class Repository
    {
        public Task SaveAsync(Order order) => Task.CompletedTask;

        public ValueTask AuditAsync(Order order) => default;
    }
}
