import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { DEFAULT_MESSAGING_POLICY, MessagingPolicies, type MessagingPolicy } from '@cadenza/server/messaging/domain';
import { MessagingPolicySchema } from './entities.js';
import { NO_MAP } from './rows.js';

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
    const row = await this.em.findOne(MessagingPolicySchema, { schoolId: currentSchool(this.em) }, NO_MAP);
    if (!row) return { ...DEFAULT_MESSAGING_POLICY };
    return {
      minorThreads: row.minorThreads === 'visible_to_lead' ? 'visible_to_lead' : 'require_guardian',
      retentionDays: Number(row.retentionDays),
      maxAttachmentBytes: Number(row.maxAttachmentBytes),
    };
  }
  async save(policy: MessagingPolicy): Promise<void> {
    await this.em.upsert(MessagingPolicySchema, { schoolId: currentSchool(this.em), ...policy }, NO_MAP);
  }
}
