// case: rewrite
// `.editorconfig` says `dotnet_sort_system_directives_first = false`: the usings are one alphabetical list, and
// `using System.Threading.Tasks;` goes in its alphabetical place, not first.
using Acme.Tools;
using Zeta.Util;

namespace Acme.Tools
{
    public class Report
    {
        public void Print(System.Threading.Tasks.Task<string> text)
        {
            System.Console.WriteLine(text.Result);
        }
    }
}

namespace Zeta.Util
{
}
