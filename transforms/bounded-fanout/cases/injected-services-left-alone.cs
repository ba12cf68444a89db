// case: left-alone
// Fan-outs over services a container injects through the constructor (a field set from an `IEnumerable<T>`
// constructor parameter, or a primary constructor's collection parameter) run over a handful of providers fixed
// at start-up; a method parameter of providers is no large input either.
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Media
{
    public interface IIntroProvider
    {
        Task<string[]> GetIntrosAsync(string item);
    }

    public interface IValidator<T>
    {
        Task<bool> ValidateAsync(T value);
    }

    public class IntroManager
    {
        private readonly IIntroProvider[] _introProviders;

        public IntroManager(IEnumerable<IIntroProvider> introProviders)
        {
            _introProviders = introProviders.ToArray();
        }

        public async Task<string[][]> GetIntrosAsync(string item)
        {
            return await Task.WhenAll(_introProviders.Select(p => p.GetIntrosAsync(item)));
        }

        public async Task RefreshAsync(IEnumerable<IIntroProvider> providers, string item)
        {
            await Task.WhenAll(providers.Select(p => p.GetIntrosAsync(item)));
        }
    }

    public class CompositeValidator<T>(IEnumerable<IValidator<T>> validators)
    {
        public async Task<bool> ValidateAsync(T value)
        {
            var results = await Task.WhenAll(validators.Select(v => v.ValidateAsync(value)));
            return results.All(r => r);
        }
    }
}
