import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { LoginAttempts } from '@cadenza/server/identity/domain';
import { LoginFailureSchema } from './entities.js';

@Injectable()
export class MikroOrmLoginAttempts extends LoginAttempts {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async recordFailure(key: { email: string; ip: string }, at: Date): Promise<void> {
    await this.em.insert(LoginFailureSchema, { id: globalThis.crypto.randomUUID(), email: key.email, ip: key.ip, at });
  }
  async failuresSince(key: { email: string; ip: string }, since: Date): Promise<{ byEmail: number; byIp: number }> {
    const [byEmail, byIp] = await Promise.all([
      this.em.count(LoginFailureSchema, { email: key.email, at: { $gte: since } }),
      this.em.count(LoginFailureSchema, { ip: key.ip, at: { $gte: since } }),
    ]);
    return { byEmail, byIp };
  }
  async clearForEmail(email: string): Promise<void> {
    await this.em.nativeDelete(LoginFailureSchema, { email });
  }
}
