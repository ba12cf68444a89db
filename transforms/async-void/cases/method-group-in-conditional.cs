// case: left-alone
// Both branches of the conditional become a ThreadStart: `async Task` would not fit it.
using System;
using System.Threading;
using System.Threading.Tasks;
class C {
  bool f;
  async void A() { await Task.Delay(1); }
  async void B() { await Task.Delay(1); }
  void Go() { var t = new Thread(f ? A : B); t.Start(); }
}
