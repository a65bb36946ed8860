import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ANY_SIGNED_IN, Access, CurrentPrincipal, Endpoint, type Principal } from '@cadenza/server/platform/http';
import { ComputeDashboardCounters } from '@cadenza/server/reporting/domain';
import { DashboardCounters } from '@cadenza/shared/contracts';
import { DomainError, asId, type UserId } from '@cadenza/shared/kernel';

/** The caller's own home-page counters; the socket pushes the same object as `counters.updated.v1` when they change. */
@ApiTags('reporting')
@Controller('me/counters')
export class CountersController {
  constructor(private readonly compute: ComputeDashboardCounters) {}

  @Get()
  @Access(ANY_SIGNED_IN, 'their own counters: an admin’s are school-wide, a teacher’s their lessons, a parent’s their children’s')
  @Endpoint({ summary: 'My home page’s counters', description: 'The same object `counters.updated.v1` carries on the socket; the role decides the fields.', response: DashboardCounters })
  async mine(@CurrentPrincipal() principal: Principal): Promise<DashboardCounters> {
    const id = asId<UserId>(principal.userId);
    const counters = (await this.compute.execute([{ id, roles: principal.roles, safeguardingLead: principal.safeguardingLead }])).get(id);
    if (!counters) throw DomainError.notFound('REPORTING.NO_DASHBOARD', 'A dashboard for these roles');
    return counters;
  }
}
