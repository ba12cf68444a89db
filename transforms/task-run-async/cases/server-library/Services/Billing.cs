// case: rewrite
// A library only the web application runs: no context runs it either, so it is unwrapped as in the web project.
using System.Threading.Tasks;

namespace Services
{
    public interface IGateway
    {
        Task<bool> ChargeAsync(decimal amount);
    }

    public class Billing
    {
        private readonly IGateway _gateway;

        public Billing(IGateway gateway) => _gateway = gateway;

        public async Task<bool> ChargeAsync(decimal amount)
        {
            return await Task.Run(() => _gateway.ChargeAsync(amount));
        }
    }
}
