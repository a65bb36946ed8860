import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { SendPasswordResets } from '@cadenza/server/identity/domain';
import { CoalescingRunner } from '@cadenza/server/platform/background';
import { inOwnContext } from '@cadenza/server/platform/db';

const BATCH = 20;
/** The safety net for requests left by a crash, a failed mail or another api process: a look every so often. */
const POLL_MS = 15_000;

/**
 * Sends the queued password-reset mails in the background (`SendPasswordResets`), in the api: at
 * once when this process queued a request (`request()`), and every 15 seconds for what is left.
 * Several instances share the queue through its claims.
 */
@Injectable()
export class PasswordResetMails implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('PasswordResetMails');
  private readonly runner = new CoalescingRunner({
    name: 'password-reset mails',
    logger: this.logger,
    afterFailureMs: POLL_MS,
    pass: async () => ((await this.sendOnce()) === BATCH ? 0 : POLL_MS),
  });

  constructor(
    private readonly em: EntityManager,
    private readonly send: SendPasswordResets,
  ) {}

  onApplicationBootstrap(): void {
    this.runner.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
  }

  /** A request was queued: send it soon. */
  request(): void {
    this.runner.request();
  }

  private async sendOnce(): Promise<number> {
    const { claimed, failed } = await inOwnContext(this.em, () => this.send.execute(BATCH));
    for (const f of failed) this.logger.warn({ err: f.error, requestId: f.id }, 'password-reset mail failed; tried again after its lease');
    return claimed;
  }
}
