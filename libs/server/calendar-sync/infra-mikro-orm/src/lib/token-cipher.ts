import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { GoogleCalendarConfig } from '@cadenza/server/platform/config';

const VERSION = 'v1';

/**
 * Seals people's Google tokens at rest: AES-256-GCM under CALENDAR_TOKEN_KEY, a random 96-bit nonce a token, the
 * person's id as associated data (a sealed token copied to another person's row does not open). Stored as
 * `v1.<nonce>.<tag>.<ciphertext>`, base64url.
 */
@Injectable()
export class TokenCipher {
  constructor(private readonly config: GoogleCalendarConfig) {}

  seal(plain: string, personId: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(), nonce);
    cipher.setAAD(Buffer.from(personId, 'utf8'));
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, nonce.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
  }

  open(sealed: string, personId: string): string {
    const [version, nonce, tag, body] = sealed.split('.');
    if (version !== VERSION || !nonce || !tag || body === undefined) throw new Error('A sealed Google token is malformed.');
    const decipher = createDecipheriv('aes-256-gcm', this.key(), Buffer.from(nonce, 'base64url'));
    decipher.setAAD(Buffer.from(personId, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  private key(): Buffer {
    if (!this.config.tokenKey) throw new Error('CALENDAR_TOKEN_KEY is not set: Google tokens cannot be sealed.');
    return this.config.tokenKey;
  }
}
