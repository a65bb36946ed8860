import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool, schoolRows } from '@cadenza/server/platform/db';
import { DEFAULT_MESSAGING_POLICY, MessagingPolicies, type MessagingPolicy } from '@cadenza/server/messaging/domain';
import { MessagingPolicySchema } from './entities.js';
import { NO_MAP } from './rows.js';
import { MESSAGING_POLICY } from './statements.js';

/**
 * The school's messaging policy, kept by messaging: the defaults until the school chooses otherwise.
 * The app's `MessagingDirectory` answers `schoolPolicy()` from it.
 */
@Injectable()
export class MikroOrmMessagingPolicies extends MessagingPolicies {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async current(): Promise<MessagingPolicy> {
    const [row] = await schoolRows(this.em, MESSAGING_POLICY, []);
    if (!row) return { ...DEFAULT_MESSAGING_POLICY };
    return {
      minorThreads: row.minor_threads === 'visible_to_lead' ? 'visible_to_lead' : 'require_guardian',
      retentionDays: Number(row.retention_days),
      maxAttachmentBytes: Number(row.max_attachment_bytes),
    };
  }
  async save(policy: MessagingPolicy): Promise<void> {
    await this.em.upsert(MessagingPolicySchema, { schoolId: currentSchool(this.em), ...policy }, NO_MAP);
  }
}
