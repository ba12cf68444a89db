// case: rewrite
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Reports
{
    public class Application
    {
        public Guid Id { get; set; }
    }

    public interface IApplicationRepository
    {
        Task<List<Application>> GetByOrganizationIdAsync(Guid organizationId);
        Task DeleteAsync(Application application);
    }

    public class DropApplicationsCommand
    {
        private readonly IApplicationRepository _repository;

        public DropApplicationsCommand(IApplicationRepository repository)
        {
            _repository = repository;
        }

        public async Task DropAsync(Guid organizationId, IReadOnlyCollection<Guid> ids)
        {
            var data = await _repository.GetByOrganizationIdAsync(organizationId);
            // The deletes used to run on after DropAsync returned.
            data.Where(_ => ids.Contains(_.Id)).ToList().ForEach(async _ =>
            {
                await _repository.DeleteAsync(_);
            });
        }
    }
}
