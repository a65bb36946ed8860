import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Every setting Cadenza reads, validated once at start-up. A missing or malformed
 * variable stops the process with a message naming it. Nothing else reads the
 * environment: code receives the typed slices below through dependency injection.
 */
const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'], { message: 'must be 1 or 0' })
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const url = (protocols: string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol.replace(':', ''));
    } catch {
      return false;
    }
  }, `must be a URL (${protocols.join(', ')})`);

export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: url(['http', 'https']).optional(),
  TRUST_PROXY: flag.default(false),
  DATABASE_URL: url(['postgres', 'postgresql']).optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(20),
  CADENZA_DATA_DIR: z.string().min(1).default('.data'),
  /** Where attachment bytes are kept; `<CADENZA_DATA_DIR>/attachments` when unset. */
  ATTACHMENTS_DIR: z.string().min(1).optional(),
  /** Where attachment bytes are kept: `disk` (ATTACHMENTS_DIR, the default) or `s3` (an S3-compatible bucket: S3, MinIO…). */
  ATTACHMENTS_STORE: z.enum(['disk', 's3'], { message: 'must be disk or s3' }).default('disk'),
  /** The bucket holding attachments when ATTACHMENTS_STORE=s3; it must exist. */
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens)').optional(),
  /** The S3-compatible endpoint (MinIO: `http://minio:9000`); unset for AWS S3 itself. */
  S3_ENDPOINT: url(['http', 'https']).optional(),
  S3_REGION: z.string().regex(/^[a-z0-9-]{2,32}$/, 'must be a region name such as us-east-1').default('us-east-1'),
  /** Both, or neither (then the AWS SDK's own chain: environment, profile, instance role). */
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Address buckets in the path (`endpoint/bucket/key`), as MinIO needs; default: on when S3_ENDPOINT is set. */
  S3_FORCE_PATH_STYLE: flag.optional(),
  /** Prefixes every object key, so one bucket can hold several deployments' attachments. */
  S3_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_./-]{0,200}$/, 'letters, digits and _ . / - only').default(''),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  REDIS_URL: url(['redis', 'rediss']).optional(),
  /** Prefixes Cadenza's Redis keys and channels, so deployments (or test runs) sharing a Redis stay apart. */
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits and _ . : - only (at most 64)').default('cadenza'),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(600),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(100000).default(30),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  SMTP_URL: url(['smtp', 'smtps']).optional(),
  /**
   * How outgoing SMTP is protected: `implicit` TLS from the first byte (smtps://, port 465),
   * `starttls` required before anything is sent (smtp://, submission on 587), or `none`.
   * Default: implicit for smtps://, none for smtp:// to this machine, starttls otherwise.
   * Certificates are always checked.
   */
  SMTP_TLS: z.enum(['implicit', 'starttls', 'none'], { message: 'must be implicit, starttls or none' }).optional(),
  /** A PEM file of the certificate authorities to trust for the SMTP server, in place of the system's. */
  SMTP_CA_FILE: z.string().min(1).optional(),
  MAIL_FROM: z.string().min(3).default('Cadenza <no-reply@cadenza.local>'),
  CADENZA_DEMO: flag.default(true),
  /**
   * Card payments through Stripe: the account's secret key (`sk_test_…` or `sk_live_…`). Unset outside production, the
   * api starts the local Stripe fake (tools/fakes/stripe) and pays through it; unset in production, card payments are off.
   */
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]{8,}$/, 'must be a Stripe secret key (sk_test_… or sk_live_…)').optional(),
  /** The signing secret of the webhook endpoint (`whsec_…`) Stripe posts events to (`<PUBLIC_URL>/api/v1/webhooks/stripe`). */
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_[A-Za-z0-9_]{8,}$/, 'must be a webhook signing secret (whsec_…)').optional(),
  /** A Stripe-compatible server to call instead of api.stripe.com (the local fake started elsewhere); unset for Stripe itself. */
  STRIPE_API_URL: url(['http', 'https']).optional(),
  /**
   * Google Calendar sync: the OAuth client (a "Web application" client in Google Cloud; its redirect URI is
   * `<PUBLIC_URL>/console/calendar-sync/google`). Both or neither; unset outside production, the api starts the local
   * Google Calendar fake (tools/fakes/google-calendar) and connects through it; unset in production, Google sync is off.
   */
  GOOGLE_CLIENT_ID: z.string().regex(/^[A-Za-z0-9._-]{8,200}$/, 'must be an OAuth client id (…apps.googleusercontent.com)').optional(),
  GOOGLE_CLIENT_SECRET: z.string().min(8, 'must be the OAuth client secret').optional(),
  /** A Google-compatible server (Calendar API and OAuth endpoints) to call instead of Google (the local fake); unset for Google itself. */
  GOOGLE_API_URL: url(['http', 'https']).optional(),
  /**
   * The key that encrypts people's Google tokens at rest (AES-256-GCM): 32 random bytes, base64 (`openssl rand -base64 32`).
   * Required with GOOGLE_CLIENT_ID; outside production, a key is generated into CADENZA_DATA_DIR when unset.
   */
  CALENDAR_TOKEN_KEY: z
    .string()
    .refine((v) => /^[A-Za-z0-9+/]{43}=?$/.test(v) && Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  /** How often each connected Google calendar is read for busy times (no push where there is no public URL). */
  CALENDAR_SYNC_POLL_SECONDS: z.coerce.number().int().min(5).max(86400).default(60),
  /**
   * Whether this api process also runs the background jobs (outbox consumers, queue
   * processors, sweeps): `inline`, or `off` when separate workers do. Default: inline in the
   * embedded mode (no DATABASE_URL), off otherwise.
   */
  CADENZA_JOBS: z.enum(['inline', 'off'], { message: 'must be inline or off' }).optional(),
  /** How often the notification sweep plans reminders and enqueues (or, without Redis, delivers) what is due. */
  NOTIFICATIONS_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  /** How long a claimed delivery stays claimed before another worker may retry it. */
  NOTIFICATIONS_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(120),
  /**
   * How long an event's email waits for others to the same person, which then go with it as one email (a digest);
   * 0 sends each at once, on its own. Reminders and account mails (sign-in, resets, invitations) never wait.
   */
  NOTIFICATIONS_DIGEST_SECONDS: z.coerce.number().int().min(0).max(3600).default(120),
  /**
   * How long a stop (SIGTERM, SIGINT, SIGHUP) may take, from the signal to the exit, for the api and the worker:
   * past it the process exits anyway (with 1). Keep it under the orchestrator's grace period (compose: 20 s).
   */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(15),
  CADENZA_WEB_DIR: z.string().min(1).default('dist/apps'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Environment = z.infer<typeof environmentSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the given variables (unset and empty are the same) or throws a ConfigError naming each bad one. */
export function parseEnvironment(source: Record<string, string | undefined>): Environment {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = environmentSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => ({ variable: String(issue.path[0]), message: issue.message })));
  }
  const mailProblems = smtpTlsProblems(result.data);
  if (mailProblems.length > 0) throw new ConfigError(mailProblems);
  if (result.data.STRIPE_SECRET_KEY && !result.data.STRIPE_WEBHOOK_SECRET) {
    throw new ConfigError([{ variable: 'STRIPE_WEBHOOK_SECRET', message: 'is required with STRIPE_SECRET_KEY (the webhook endpoint\'s signing secret)' }]);
  }
  const googleProblems = googleCalendarProblems(result.data);
  if (googleProblems.length > 0) throw new ConfigError(googleProblems);
  const storageProblems = s3Problems(result.data);
  if (storageProblems.length > 0) throw new ConfigError(storageProblems);
  if (result.data.NODE_ENV === 'production') {
    const missing = (['DATABASE_URL', 'AUTH_SECRET', 'PUBLIC_URL', 'SMTP_URL'] as const).filter((k) => !result.data[k]);
    if (missing.length > 0) {
      throw new ConfigError(missing.map((variable) => ({ variable, message: 'is required when NODE_ENV=production' })));
    }
  }
  return result.data;
}

/** Google's client id and secret come as a pair, and a client needs the key its tokens are sealed with (outside production one is generated). */
function googleCalendarProblems(env: Environment): { variable: string; message: string }[] {
  if (!env.GOOGLE_CLIENT_ID !== !env.GOOGLE_CLIENT_SECRET) {
    return [{ variable: env.GOOGLE_CLIENT_ID ? 'GOOGLE_CLIENT_SECRET' : 'GOOGLE_CLIENT_ID', message: 'is required with the other Google OAuth setting (set both, or neither)' }];
  }
  if (env.GOOGLE_CLIENT_ID && !env.CALENDAR_TOKEN_KEY && env.NODE_ENV === 'production') {
    return [{ variable: 'CALENDAR_TOKEN_KEY', message: 'is required with GOOGLE_CLIENT_ID when NODE_ENV=production (the key Google tokens are encrypted with)' }];
  }
  return [];
}

/** ATTACHMENTS_STORE=s3 needs a bucket; keys come as a pair. */
function s3Problems(env: Environment): { variable: string; message: string }[] {
  const problems: { variable: string; message: string }[] = [];
  if (env.ATTACHMENTS_STORE === 's3' && !env.S3_BUCKET) problems.push({ variable: 'S3_BUCKET', message: 'is required when ATTACHMENTS_STORE=s3' });
  if (!env.S3_ACCESS_KEY_ID !== !env.S3_SECRET_ACCESS_KEY) {
    problems.push({ variable: env.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID', message: 'is required with the other S3 key (set both, or neither)' });
  }
  return problems;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The SMTP protection in force: SMTP_TLS when set, else what the URL implies. */
function smtpTlsMode(env: Pick<Environment, 'SMTP_URL' | 'SMTP_TLS'>): SmtpTlsMode {
  if (env.SMTP_TLS) return env.SMTP_TLS;
  if (!env.SMTP_URL) return 'none';
  const url = new URL(env.SMTP_URL);
  if (url.protocol === 'smtps:') return 'implicit';
  return LOOPBACK_HOSTS.has(url.hostname) ? 'none' : 'starttls';
}

/** SMTP_TLS must agree with the URL's scheme; SMTP_CA_FILE must be a readable PEM file. */
function smtpTlsProblems(env: Environment): { variable: string; message: string }[] {
  const problems: { variable: string; message: string }[] = [];
  if (env.SMTP_URL && env.SMTP_TLS) {
    const implicitUrl = new URL(env.SMTP_URL).protocol === 'smtps:';
    if (env.SMTP_TLS === 'implicit' && !implicitUrl) problems.push({ variable: 'SMTP_TLS', message: 'implicit TLS needs an smtps:// URL in SMTP_URL' });
    if (env.SMTP_TLS !== 'implicit' && implicitUrl) problems.push({ variable: 'SMTP_TLS', message: `an smtps:// URL is implicit TLS, not ${env.SMTP_TLS}` });
  }
  if (env.SMTP_CA_FILE) {
    let text: string | null = null;
    try {
      text = readFileSync(env.SMTP_CA_FILE, 'utf8');
    } catch {
      problems.push({ variable: 'SMTP_CA_FILE', message: 'cannot be read' });
    }
    if (text !== null && !text.includes('-----BEGIN CERTIFICATE-----')) problems.push({ variable: 'SMTP_CA_FILE', message: 'must hold PEM certificates' });
  }
  return problems;
}

/** The process environment, validated. The one place that reads `process.env`. */
export function environmentFromProcess(overrides: Partial<Record<keyof Environment, string>> = {}): Environment {
  return parseEnvironment({ ...process.env, ...overrides });
}

// ---- typed slices, injected where needed ------------------------------------------------

export class HttpConfig {
  constructor(
    readonly host: string,
    readonly port: number,
    readonly publicUrl: string,
    readonly trustProxy: boolean,
    readonly webDir: string,
    readonly production: boolean,
  ) {}
}

export class DatabaseConfig {
  constructor(
    /** Null means: start the embedded PostgreSQL under `dataDir`. */
    readonly url: string | null,
    readonly poolMax: number,
    readonly dataDir: string,
    readonly embeddedPort: number,
  ) {}
}

export class RedisConfig {
  constructor(
    readonly url: string | null,
    /** Prefix of every Redis key and pub/sub channel Cadenza uses. */
    readonly keyPrefix = 'cadenza',
  ) {}
}

export class AuthConfig {
  constructor(
    readonly secret: string,
    readonly accessTokenTtlSeconds: number,
    readonly refreshTokenTtlDays: number,
    readonly maxFailuresPerAccount: number,
    readonly maxFailuresPerIp: number,
    readonly loginWindowMinutes: number,
    /** Cookies get `Secure` when the public URL is https. */
    readonly secureCookies: boolean,
  ) {}
}

export type SmtpTlsMode = 'implicit' | 'starttls' | 'none';

export interface SmtpTls {
  mode: SmtpTlsMode;
  /** PEM certificate authorities to trust instead of the system's; null: the system's. */
  ca: string | null;
}

export class MailConfig {
  constructor(
    /** Null means: no SMTP server is configured; development starts a local capture. */
    readonly smtpUrl: string | null,
    readonly from: string,
    readonly publicUrl: string,
    readonly tls: SmtpTls = { mode: 'none', ca: null },
  ) {}
}

/** An S3-compatible bucket for attachments. */
export interface S3Storage {
  bucket: string;
  /** Null: AWS S3 itself, found from the region. */
  endpoint: string | null;
  region: string;
  /** Null: the AWS SDK's default credential chain. */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  forcePathStyle: boolean;
  keyPrefix: string;
}

export class StorageConfig {
  constructor(
    /** The directory holding attachment bytes (content-addressed, per school) when they are kept on disk. */
    readonly attachmentsDir: string,
    /** Where attachments are kept: on this machine's disk, or in an S3-compatible bucket every api instance shares. */
    readonly attachments: 'disk' | 's3' = 'disk',
    readonly s3: S3Storage | null = null,
  ) {}
}

export class JobsConfig {
  constructor(
    /** The api runs the background jobs in process (the worker always does). */
    readonly inline: boolean,
    readonly sweepMs: number,
    readonly leaseMs: number,
    /** How long an event's email waits to gather the person's others into one email; 0 for none. */
    readonly digestMs = 0,
  ) {}
}

/** Stripe, for card payments: absent keys mean card payments are off (the embedded default fills them in for its local fake). */
export class StripeConfig {
  constructor(
    readonly secretKey: string | null,
    readonly webhookSecret: string | null,
    /** A Stripe-compatible server in place of api.stripe.com (the local fake), or null. */
    readonly apiUrl: string | null,
  ) {}

  get enabled(): boolean {
    return this.secretKey !== null && this.webhookSecret !== null;
  }
}

/**
 * Google Calendar sync: the OAuth client, where Google is (the local fake's URL, or null for Google), the key people's
 * tokens are sealed with, and how often calendars are read. Off (`enabled` false) without a client.
 */
export class GoogleCalendarConfig {
  constructor(
    readonly clientId: string | null,
    readonly clientSecret: string | null,
    readonly apiUrl: string | null,
    /** 32 bytes, or null when Google sync is off. */
    readonly tokenKey: Buffer | null,
    /** Where Google sends the browser back after consent: the console's Google Calendar page. */
    readonly redirectUri: string,
    readonly pollMs: number,
  ) {}

  get enabled(): boolean {
    return this.clientId !== null && this.clientSecret !== null && this.tokenKey !== null;
  }
}

export class LogConfig {
  constructor(readonly level: Environment['LOG_LEVEL']) {}
}

export class DemoConfig {
  constructor(readonly seed: boolean) {}
}

export interface AppConfig {
  environment: Environment;
  http: HttpConfig;
  database: DatabaseConfig;
  redis: RedisConfig;
  auth: AuthConfig;
  mail: MailConfig;
  storage: StorageConfig;
  log: LogConfig;
  demo: DemoConfig;
  jobs: JobsConfig;
  stripe: StripeConfig;
  googleCalendar: GoogleCalendarConfig;
}

/**
 * Builds the slices. `secret` is the signing secret to use when AUTH_SECRET is unset
 * (the embedded default keeps one under its data directory).
 */
export function buildConfig(env: Environment, fallbackSecret?: string): AppConfig {
  const publicUrl = env.PUBLIC_URL ?? `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${env.PORT}`;
  const secret = env.AUTH_SECRET ?? fallbackSecret;
  if (!secret) {
    throw new ConfigError([{ variable: 'AUTH_SECRET', message: 'is required (at least 32 characters)' }]);
  }
  return {
    environment: env,
    http: new HttpConfig(env.HOST, env.PORT, publicUrl, env.TRUST_PROXY, env.CADENZA_WEB_DIR, env.NODE_ENV === 'production'),
    database: new DatabaseConfig(env.DATABASE_URL ?? null, env.DATABASE_POOL_MAX, env.CADENZA_DATA_DIR, env.EMBEDDED_PG_PORT),
    redis: new RedisConfig(env.REDIS_URL ?? null, env.REDIS_KEY_PREFIX),
    auth: new AuthConfig(
      secret,
      env.ACCESS_TOKEN_TTL_SECONDS,
      env.REFRESH_TOKEN_TTL_DAYS,
      env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      env.LOGIN_MAX_FAILURES_PER_IP,
      env.LOGIN_WINDOW_MINUTES,
      publicUrl.startsWith('https:'),
    ),
    mail: new MailConfig(env.SMTP_URL ?? null, env.MAIL_FROM, publicUrl, { mode: smtpTlsMode(env), ca: env.SMTP_CA_FILE ? readFileSync(env.SMTP_CA_FILE, 'utf8') : null }),
    storage: new StorageConfig(
      env.ATTACHMENTS_DIR ?? `${env.CADENZA_DATA_DIR.replace(/\/+$/, '')}/attachments`,
      env.ATTACHMENTS_STORE,
      env.S3_BUCKET
        ? {
            bucket: env.S3_BUCKET,
            endpoint: env.S3_ENDPOINT ?? null,
            region: env.S3_REGION,
            credentials: env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY } : null,
            forcePathStyle: env.S3_FORCE_PATH_STYLE ?? Boolean(env.S3_ENDPOINT),
            keyPrefix: env.S3_KEY_PREFIX,
          }
        : null,
    ),
    log: new LogConfig(env.LOG_LEVEL),
    demo: new DemoConfig(env.CADENZA_DEMO),
    stripe: new StripeConfig(env.STRIPE_SECRET_KEY ?? null, env.STRIPE_WEBHOOK_SECRET ?? null, env.STRIPE_API_URL ?? null),
    googleCalendar: new GoogleCalendarConfig(
      env.GOOGLE_CLIENT_ID ?? null,
      env.GOOGLE_CLIENT_SECRET ?? null,
      env.GOOGLE_API_URL ?? null,
      env.CALENDAR_TOKEN_KEY ? Buffer.from(env.CALENDAR_TOKEN_KEY, 'base64') : null,
      `${publicUrl.replace(/\/+$/, '')}/console/calendar-sync/google`,
      env.CALENDAR_SYNC_POLL_SECONDS * 1000,
    ),
    jobs: new JobsConfig((env.CADENZA_JOBS ?? (env.DATABASE_URL ? 'off' : 'inline')) === 'inline', env.NOTIFICATIONS_SWEEP_SECONDS * 1000, env.NOTIFICATIONS_LEASE_SECONDS * 1000, env.NOTIFICATIONS_DIGEST_SECONDS * 1000),
  };
}
