import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Injectable, Module } from '@nestjs/common';
import argon2 from 'argon2';
import { PasswordHasher, SecretTokens } from '@cadenza/server/identity/domain';
import { AuthConfig } from '@cadenza/server/platform/config';

/** argon2id with the library's current recommended cost (memory-hard, 64 MiB, 3 passes). */
@Injectable()
export class Argon2PasswordHasher extends PasswordHasher {
  private dummy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, memoryCost: 65536, timeCost: 3, parallelism: 1 });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  dummyHash(): Promise<string> {
    this.dummy ??= this.hash(randomBytes(24).toString('base64url'));
    return this.dummy;
  }
}

/** 256-bit random tokens (base64url); stored only as their SHA-256. A token's successor is its HMAC-SHA256 under the signing secret. */
@Injectable()
export class NodeSecretTokens extends SecretTokens {
  constructor(private readonly auth: AuthConfig) {
    super();
  }

  successor(token: string): string {
    return createHmac('sha256', this.auth.secret).update(`successor:${token}`).digest('base64url');
  }

  generate(): string {
    return randomBytes(32).toString('base64url');
  }

  digest(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}

const providers = [
  { provide: PasswordHasher, useClass: Argon2PasswordHasher },
  { provide: SecretTokens, useClass: NodeSecretTokens },
];

@Module({ providers, exports: providers.map((p) => p.provide) })
export class IdentitySecurityModule {}
