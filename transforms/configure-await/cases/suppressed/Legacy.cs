// case: rewrite
// CA2007 suppressed by a pragma or a SuppressMessage attribute: those awaits were left as they are on purpose.
using System.Diagnostics.CodeAnalysis;
using System.Threading.Tasks;

namespace Contoso.Mail
{
    public class Legacy
    {
        public async Task A(Task t)
        {
#pragma warning disable CA2007 // resumes on the caller's context on purpose
            await t;
#pragma warning restore CA2007
            await t;
        }

        [SuppressMessage("Reliability", "CA2007:Consider calling ConfigureAwait on the awaited task")]
        public async Task B(Task t)
        {
            await t;
        }
    }
}
