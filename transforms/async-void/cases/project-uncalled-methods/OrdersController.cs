// case: rewrite
// In a real project, `async void` → `async Task` is made where a caller will await the task. The controller
// action has no caller in the solution, but ASP.NET Core calls it and awaits a Task-returning action (an async
// void one finishes the response before the work ends), so it is converted. Warm has no caller at all: whatever
// runs it (a framework, markup, reflection) would drop the task and lose the exceptions that today reach the
// process, so it is reported.
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace Api
{
    [ApiController]
    public class OrdersController : ControllerBase
    {
        [HttpDelete("orders/{id}")]
        public async void Delete(int id)
        {
            await Task.Delay(id);
        }
    }

    public class Cache
    {
        public async void Warm()
        {
            await Task.Delay(1);
        }
    }
}
