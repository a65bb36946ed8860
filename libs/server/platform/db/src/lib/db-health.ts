import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';

/** Readiness of the database: a round trip with a short timeout. */
@Injectable()
export class DatabaseHealth {
  constructor(private readonly orm: MikroORM) {}

  async check(timeoutMs = 2000): Promise<{ ok: boolean; detail?: string }> {
    const probe = this.orm.em.fork().getConnection().execute('select 1');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
    });
    try {
      await Promise.race([probe, timeout]);
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : 'unreachable' };
    } finally {
      clearTimeout(timer);
    }
  }
}
