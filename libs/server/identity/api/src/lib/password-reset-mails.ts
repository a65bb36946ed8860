import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { SendPasswordResets } from '@cadenza/server/identity/domain';
import { BackgroundLoop } from '@cadenza/server/platform/background';
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
export class PasswordResetMails extends BackgroundLoop<Logger> {
  constructor(
    private readonly em: EntityManager,
    private readonly send: SendPasswordResets,
  ) {
    super({ name: 'password-reset mails', logger: new Logger('PasswordResetMails'), afterFailureMs: POLL_MS });
  }

  protected async pass(): Promise<number> {
    return (await this.sendOnce()) === BATCH ? 0 : POLL_MS;
  }

  /** A request was queued: send it soon. */
  request(): void {
    this.loop.request();
  }

  private async sendOnce(): Promise<number> {
    const { claimed, failed } = await inOwnContext(this.em, () => this.send.execute(BATCH));
    for (const f of failed) this.logger.warn({ err: f.error, requestId: f.id }, 'password-reset mail failed; tried again after its lease');
    return claimed;
  }
}
