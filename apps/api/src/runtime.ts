import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { buildConfig, type AppConfig, type Environment } from '@cadenza/server/platform/config';
import { startEmbeddedPostgres } from '@cadenza/server/platform/db';
import { MailCapture } from '@cadenza/server/platform/mail';
import { startStripeFake } from '@cadenza/tools/fakes/stripe';
import { startGoogleCalendarFake, type GoogleCalendarFake } from '@cadenza/tools/fakes/google-calendar';

export interface Runtime {
  config: AppConfig;
  databaseUrl: string;
  embedded: boolean;
  mailCapture: MailCapture | null;
  /** The local Google Calendar fake this process started (no Google client configured, outside production), or null. */
  googleFake: GoogleCalendarFake | null;
  /** Stops what it started (the parts not handed to a lifecycle). */
  stop: () => Promise<void>;
}

/**
 * Resolves what the environment leaves open. Without DATABASE_URL: the embedded
 * PostgreSQL under the data directory. Without AUTH_SECRET (outside production): a
 * secret kept in the data directory. Without SMTP_URL (outside production): a local
 * capture that prints each mail's links. Without STRIPE_SECRET_KEY (outside production): the local Stripe fake.
 * Without GOOGLE_CLIENT_ID (outside production): the local Google Calendar fake; and without CALENDAR_TOKEN_KEY
 * (outside production) a key kept in the data directory, which seals people's Google tokens.
 */
export async function resolveRuntime(env: Environment, options: { printMail?: boolean; started?: (name: string, stop: () => Promise<void>) => void } = {}): Promise<Runtime> {
  const stops: (() => Promise<void>)[] = [];
  // Each part, once started, is handed to the process's lifecycle (which stops it on a stop signal) or kept for `stop`.
  const started = (name: string, stop: () => Promise<void>) => (options.started ? options.started(name, stop) : stops.push(stop));
  const dataDir = resolve(env.CADENZA_DATA_DIR);
  let secret: string | undefined;
  if (!env.AUTH_SECRET) secret = keptSecret(dataDir, 'auth-secret', () => randomBytes(48).toString('base64url'));
  let mailCapture: MailCapture | null = null;
  let smtpUrl = env.SMTP_URL;
  if (!smtpUrl) {
    const capture = await new MailCapture().start(0);
    mailCapture = capture;
    smtpUrl = capture.url;
    started('the mail capture', () => capture.stop());
    if (options.printMail !== false) {
      capture.onMail((mail) => {
        // Each link once: a message has a text and an HTML part saying the same.
        const links = [...new Set(mail.text.match(/https?:\/\/[^\s"'<>]+/g) ?? [])];
        process.stdout.write(`\n[mail] to ${mail.to.join(', ')}: ${mail.subject}\n${links.map((l) => `       ${l}`).join('\n')}\n`);
      });
    }
  }
  let databaseUrl = env.DATABASE_URL;
  const embedded = !databaseUrl;
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres(dataDir, env.EMBEDDED_PG_PORT);
    databaseUrl = pg.url;
    started('the embedded database', pg.stop);
  }
  // Without a Stripe key (outside production): the local Stripe fake, whose events come to this api's webhook.
  let stripe: Partial<Environment> = {};
  let stripeFake: Awaited<ReturnType<typeof startStripeFake>> | null = null;
  if (!env.STRIPE_SECRET_KEY && env.NODE_ENV !== 'production') {
    const fake = await startStripeFake({ webhookSecret: env.STRIPE_WEBHOOK_SECRET });
    stripeFake = fake;
    started('the local Stripe', () => fake.stop());
    stripe = { STRIPE_SECRET_KEY: 'sk_test_local_stripe_fake', STRIPE_WEBHOOK_SECRET: fake.webhookSecret, STRIPE_API_URL: fake.url };
  }
  // Without a Google client (outside production): the local Google Calendar fake, reached as Google would be.
  let google: Partial<Environment> = {};
  let googleFake: GoogleCalendarFake | null = null;
  if (!env.GOOGLE_CLIENT_ID && env.NODE_ENV !== 'production') {
    const fake = await startGoogleCalendarFake();
    googleFake = fake;
    started('the local Google Calendar', () => fake.stop());
    google = { GOOGLE_CLIENT_ID: fake.clientId, GOOGLE_CLIENT_SECRET: fake.clientSecret, GOOGLE_API_URL: fake.url };
  }
  if (!env.CALENDAR_TOKEN_KEY && env.NODE_ENV !== 'production') google.CALENDAR_TOKEN_KEY = keptSecret(dataDir, 'calendar-token-key', () => randomBytes(32).toString('base64'));
  const config = buildConfig({ ...env, SMTP_URL: smtpUrl, ...stripe, ...google }, secret);
  stripeFake?.setWebhookUrl(`${config.http.publicUrl}/api/v1/webhooks/stripe`);
  return {
    config,
    databaseUrl,
    embedded,
    mailCapture,
    googleFake,
    stop: async () => {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
    },
  };
}

/** A secret made once into the data directory (mode 0600) and read back on every later start. */
function keptSecret(dataDir: string, name: string, make: () => string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, name);
  if (!existsSync(file)) writeFileSync(file, make(), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}
