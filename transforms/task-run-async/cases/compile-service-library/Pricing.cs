// case: rewrite
// oracle: compile
// The shapes an unwrap leaves must compile at C# 7.2: an explicit type argument, an await inside an
// expression, a block-bodied async lambda, an outer ConfigureAwait, an expression-bodied member.
using System.Threading.Tasks;

namespace Services
{
    public interface IRates
    {
        Task<decimal> RateAsync(string currency);
        Task RefreshAsync();
    }

    public class Pricing
    {
        private readonly IRates _rates;

        public Pricing(IRates rates)
        {
            _rates = rates;
        }

        public async Task<decimal> ConvertAsync(decimal amount, string currency)
        {
            decimal rate = await Task.Run<decimal>(() => _rates.RateAsync(currency));
            await Task.Run(async () =>
            {
                await _rates.RefreshAsync();
            }).ConfigureAwait(false);
            return amount * rate + (await Task.Run(() => _rates.RateAsync("fee")));
        }

        public async Task<decimal> FeeAsync() => await Task.Run(async () => await _rates.RateAsync("fee"));
    }
}
