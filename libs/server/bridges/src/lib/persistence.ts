import { outboxPersistence, rateLimitPersistence, type PersistenceParts } from '@cadenza/server/platform/db';
import { attendancePersistence } from '@cadenza/server/attendance/infra-mikro-orm';
import { auditPersistence } from '@cadenza/server/audit/infra-mikro-orm';
import { billingPersistence } from '@cadenza/server/billing/infra-mikro-orm';
import { calendarSyncPersistence } from '@cadenza/server/calendar-sync/infra-mikro-orm';
import { identityPersistence } from '@cadenza/server/identity/infra-mikro-orm';
import { messagingPersistence } from '@cadenza/server/messaging/infra-mikro-orm';
import { schedulingPersistence } from '@cadenza/server/scheduling/infra-mikro-orm';
import { reportingPersistence } from './reporting/report-summaries.js';

/** Every context's tables: entity schemas and the migrations that create them (the reports' summaries are the app's, kept in bridges). */
export const persistence: PersistenceParts = {
  entities: [...identityPersistence.entities, ...auditPersistence.entities, ...outboxPersistence.entities, ...schedulingPersistence.entities, ...messagingPersistence.entities, ...attendancePersistence.entities, ...billingPersistence.entities, ...calendarSyncPersistence.entities],
  migrations: [...identityPersistence.migrations, ...auditPersistence.migrations, ...outboxPersistence.migrations, ...rateLimitPersistence.migrations, ...schedulingPersistence.migrations, ...messagingPersistence.migrations, ...attendancePersistence.migrations, ...billingPersistence.migrations, ...calendarSyncPersistence.migrations, ...reportingPersistence.migrations],
};
