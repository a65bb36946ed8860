import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ListAuditEvents, decodeCursor } from '@cadenza/server/audit/domain';
import { Access, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { AuditEventsQuery, type AuditEvent, type Page, AuditEventPage } from '@cadenza/shared/contracts';
import { asId, type SchoolId } from '@cadenza/shared/kernel';

@ApiTags('audit')
@Controller('audit-events')
export class AuditEventsController {
  constructor(private readonly list: ListAuditEvents) {}

  @Get()
  @Access(['admin'])
  @Endpoint({ summary: 'Search the audit log', description: 'Newest first; pass `next` back as `cursor` for the following page.', response: AuditEventPage })
  async find(@CurrentPrincipal() principal: Principal, @Query(validate(AuditEventsQuery)) query: AuditEventsQuery): Promise<Page<AuditEvent>> {
    const page = await this.list.execute(
      { schoolId: asId<SchoolId>(principal.schoolId), roles: principal.roles },
      {
        action: query.action,
        entityType: query.entityType,
        entityId: query.entityId,
        actorId: query.actorId,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        before: query.cursor ? decodeCursor(query.cursor) : undefined,
        limit: query.limit,
      },
    );
    return { items: page.items.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })), next: page.next };
  }
}
