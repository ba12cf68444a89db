using System.Threading.Tasks;

namespace Web
{
    public class BillingController
    {
        private readonly Services.Billing _billing;

        public BillingController(Services.Billing billing) => _billing = billing;

        public async Task<bool> Post(decimal amount) => await _billing.ChargeAsync(amount);
    }
}
