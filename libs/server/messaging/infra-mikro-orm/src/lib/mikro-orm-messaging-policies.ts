import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { DEFAULT_MESSAGING_POLICY, MessagingPolicies, type MessagingPolicy } from '@cadenza/server/messaging/domain';

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
    const [row] = await this.em.execute<{ minor_threads: string; retention_days: number; max_attachment_bytes: number }[]>(
      `select minor_threads, retention_days, max_attachment_bytes from messaging_policies where school_id = ?`,
      [currentSchool(this.em)],
    );
    if (!row) return { ...DEFAULT_MESSAGING_POLICY };
    return {
      minorThreads: row.minor_threads === 'visible_to_lead' ? 'visible_to_lead' : 'require_guardian',
      retentionDays: Number(row.retention_days),
      maxAttachmentBytes: Number(row.max_attachment_bytes),
    };
  }
  async save(policy: MessagingPolicy): Promise<void> {
    await this.em.execute(
      `insert into messaging_policies (school_id, minor_threads, retention_days, max_attachment_bytes) values (?, ?, ?, ?)
       on conflict (school_id) do update set minor_threads = excluded.minor_threads, retention_days = excluded.retention_days, max_attachment_bytes = excluded.max_attachment_bytes`,
      [currentSchool(this.em), policy.minorThreads, policy.retentionDays, policy.maxAttachmentBytes],
    );
  }
}
