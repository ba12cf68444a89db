// case: rewrite
// args: --all-transforms
// A library only a web application runs, whose file configures its awaits: task-run-async unwraps the
// Task.Run (and the lambda's own inner wait with it); what stays is configured once.
using System.Threading.Tasks;

namespace Services
{
    public interface IGateway
    {
        Task<bool> ChargeAsync(decimal amount);
        Task RefundAsync(decimal amount);
    }

    public class Billing
    {
        private readonly IGateway _gateway;

        public Billing(IGateway gateway) => _gateway = gateway;

        public async Task<bool> ChargeAsync(decimal amount)
        {
            await _gateway.RefundAsync(0).ConfigureAwait(false);
            return await Task.Run(async () => await _gateway.ChargeAsync(amount));
        }

        public async Task RetryAsync(decimal amount)
        {
            await _gateway.RefundAsync(amount).ConfigureAwait(false);
            await _gateway.ChargeAsync(amount).ConfigureAwait(false);
        }

        public async Task RefundAsync(decimal amount)
        {
            await _gateway.RefundAsync(amount).ConfigureAwait(false);
            await Task.Run(async () => await _gateway.RefundAsync(amount).ConfigureAwait(false));
        }
    }
}
