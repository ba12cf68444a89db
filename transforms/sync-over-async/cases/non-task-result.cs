// case: left-alone
using Microsoft.AspNetCore.Mvc;

namespace Shop
{
    public class ValidationOutcome
    {
        public bool Result { get; set; }
    }

    public class Checks
    {
        public bool Validate(ValidationOutcome outcome)
        {
            return outcome.Result;
        }

        public object Unwrap(ActionResult<string> action)
        {
            return action.Result;
        }

        public object Unknown(dynamic thing)
        {
            return thing.Result;
        }
    }
}
