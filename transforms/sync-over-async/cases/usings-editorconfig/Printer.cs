namespace Acme.Tools
{
    // Print's caller in the library (a library method nothing calls keeps its signature).
    public class Printer
    {
        public async System.Threading.Tasks.Task PrintAsync(Report report, System.Threading.Tasks.Task<string> text)
        {
            await System.Threading.Tasks.Task.Yield();
            report.Print(text);
        }
    }
}
