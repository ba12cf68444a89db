// case: left-alone
// An implementation blocks, but its interface member is obsolete: the whole group would change signature, and
// code on its way out keeps its signature. Reported, nothing changed.
using System;
using System.Threading.Tasks;

namespace Migrations
{
    [Obsolete("Use IAsyncMigrationRoutine instead")]
    internal interface IMigrationRoutine
    {
        [Obsolete("Use IAsyncMigrationRoutine.PerformAsync instead")]
        void Perform();
    }

#pragma warning disable CS0618
    internal class FixOwners : IMigrationRoutine
    {
        private Task SaveAsync() => Task.CompletedTask;

        public void Perform()
        {
            SaveAsync().GetAwaiter().GetResult();
        }
    }
#pragma warning restore CS0618
}
