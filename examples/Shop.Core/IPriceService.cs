using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Core.Pricing;

/// <summary>
/// Gross prices (VAT included) and currency data for the storefront.
/// </summary>
/// <remarks>
/// Implementations may cache net prices; call <see cref="RefreshPricesAsync"/>
/// after the catalog changes.
/// </remarks>
public interface IPriceService
{
    /// <summary>Current VAT rate, e.g. <c>0.20m</c>.</summary>
    decimal VatRate { get; }

    /// <summary>Gross unit price of a product.</summary>
    /// <param name="productId">Catalog id of the product.</param>
    /// <returns>The price including VAT, rounded to cents.</returns>
    decimal GetPrice(int productId);

    /// <summary>Reloads the price cache for the given products.</summary>
    /// <param name="productIds">Products to reload; may be large.</param>
    Task RefreshPricesAsync(IEnumerable<int> productIds);

    /// <summary>Raw JSON of today's exchange rates.</summary>
    /// <param name="currency">ISO 4217 base currency, e.g. <c>EUR</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<string> GetExchangeRatesAsync(string currency, CancellationToken cancellationToken);
}
