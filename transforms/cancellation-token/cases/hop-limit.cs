// case: rewrite
// A token is threaded through at most four methods (--token-hops) to reach one sink. `Handle` would thread it
// through five to reach the delay: reported, naming the sink. `Shallow`'s chain is within the limit.
using System.Threading;
using System.Threading.Tasks;

public class Pipeline
{
    public async Task Handle(CancellationToken cancellationToken) => await Step1();

    public async Task Shallow(CancellationToken cancellationToken) => await Near1();

    private async Task Step1() => await Step2();

    private async Task Step2() => await Step3();

    private async Task Step3() => await Step4();

    private async Task Step4() => await Step5();

    private async Task Step5() => await Task.Delay(10);

    private async Task Near1() => await Near2();

    private async Task Near2() => await Task.Delay(10);
}
