import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, buildConfig, parseEnvironment } from './config.js';

/** The variables a configuration is refused for, or none. */
const problems = (env: Record<string, string>) => {
  try {
    parseEnvironment(env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems.map((p) => p.variable);
  }
};

describe('configuration', () => {
  it('applies defaults for the embedded start', () => {
    const env = parseEnvironment({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.CADENZA_DEMO).toBe(true);
    const config = buildConfig(env, 'x'.repeat(32));
    expect(config.database.url).toBeNull();
    expect(config.http.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.auth.secureCookies).toBe(false);
    expect(config.storage.attachmentsDir).toBe('.data/attachments');
  });

  it('keeps attachments under the data directory unless told where', () => {
    expect(buildConfig(parseEnvironment({ CADENZA_DATA_DIR: '/srv/cadenza/' }), 'x'.repeat(32)).storage.attachmentsDir).toBe('/srv/cadenza/attachments');
    expect(buildConfig(parseEnvironment({ ATTACHMENTS_DIR: '/mnt/files' }), 'x'.repeat(32)).storage.attachmentsDir).toBe('/mnt/files');
  });

  it('keeps attachments on disk by default, and in an S3-compatible bucket when told', () => {
    expect(buildConfig(parseEnvironment({}), 'x'.repeat(32)).storage).toMatchObject({ attachments: 'disk', s3: null });
    const s3 = buildConfig(
      parseEnvironment({ ATTACHMENTS_STORE: 's3', S3_BUCKET: 'cadenza-files', S3_ENDPOINT: 'http://minio:9000', S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret' }),
      'x'.repeat(32),
    ).storage;
    expect(s3).toMatchObject({
      attachments: 's3',
      s3: { bucket: 'cadenza-files', endpoint: 'http://minio:9000', region: 'us-east-1', credentials: { accessKeyId: 'id', secretAccessKey: 'secret' }, forcePathStyle: true, keyPrefix: '' },
    });
    const aws = buildConfig(parseEnvironment({ ATTACHMENTS_STORE: 's3', S3_BUCKET: 'cadenza-files', S3_REGION: 'eu-west-2' }), 'x'.repeat(32)).storage.s3;
    expect(aws).toMatchObject({ endpoint: null, region: 'eu-west-2', credentials: null, forcePathStyle: false });
  });

  it('names what an S3 store lacks or gets wrong', () => {
    const problems = (env: Record<string, string>) => {
      try {
        parseEnvironment(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems.map((p) => `${p.variable}: ${p.message}`);
      }
    };
    expect(problems({ ATTACHMENTS_STORE: 's3' })).toEqual(['S3_BUCKET: is required when ATTACHMENTS_STORE=s3']);
    expect(problems({ ATTACHMENTS_STORE: 'cloud' })).toEqual(['ATTACHMENTS_STORE: must be disk or s3']);
    expect(problems({ ATTACHMENTS_STORE: 's3', S3_BUCKET: 'Bad_Bucket' })[0]).toMatch(/^S3_BUCKET: must be an S3 bucket name/);
    expect(problems({ ATTACHMENTS_STORE: 's3', S3_BUCKET: 'files', S3_ENDPOINT: 'ftp://x' })[0]).toMatch(/^S3_ENDPOINT: must be a URL/);
    expect(problems({ ATTACHMENTS_STORE: 's3', S3_BUCKET: 'files', S3_ACCESS_KEY_ID: 'id' })).toEqual(['S3_SECRET_ACCESS_KEY: is required with the other S3 key (set both, or neither)']);
  });

  it('takes Stripe\'s keys as a pair, naming what is missing or malformed', () => {
    expect(buildConfig(parseEnvironment({}), 'x'.repeat(32)).stripe).toMatchObject({ secretKey: null, enabled: false });
    const stripe = buildConfig(parseEnvironment({ STRIPE_SECRET_KEY: 'sk_test_abcdefgh123', STRIPE_WEBHOOK_SECRET: 'whsec_abcdefgh123' }), 'x'.repeat(32)).stripe;
    expect(stripe).toMatchObject({ secretKey: 'sk_test_abcdefgh123', webhookSecret: 'whsec_abcdefgh123', apiUrl: null, enabled: true });
    expect(problems({ STRIPE_SECRET_KEY: 'sk_test_abcdefgh123' })).toEqual(['STRIPE_WEBHOOK_SECRET']);
    expect(problems({ STRIPE_SECRET_KEY: 'pk_test_abcdefgh123', STRIPE_WEBHOOK_SECRET: 'whsec_abcdefgh123' })).toEqual(['STRIPE_SECRET_KEY']);
    expect(problems({ STRIPE_API_URL: 'stripe.local' })).toEqual(['STRIPE_API_URL']);
  });

  it('reads Google Calendar sync: the client as a pair, a 32-byte token key (required with a client in production), the poll', () => {
    const key = Buffer.alloc(32, 1).toString('base64');
    expect(buildConfig(parseEnvironment({}), 'x'.repeat(32)).googleCalendar).toMatchObject({ clientId: null, enabled: false, pollMs: 60_000 });
    const google = buildConfig(parseEnvironment({ GOOGLE_CLIENT_ID: 'abc123.apps.googleusercontent.com', GOOGLE_CLIENT_SECRET: 'secret-123', CALENDAR_TOKEN_KEY: key, PUBLIC_URL: 'https://school.example/', CALENDAR_SYNC_POLL_SECONDS: '30' }), 'x'.repeat(32)).googleCalendar;
    expect(google).toMatchObject({ enabled: true, redirectUri: 'https://school.example/console/calendar-sync/google', pollMs: 30_000, apiUrl: null });
    expect(google.tokenKey).toEqual(Buffer.alloc(32, 1));
    expect(problems({ GOOGLE_CLIENT_ID: 'abc123.apps.googleusercontent.com' })).toEqual(['GOOGLE_CLIENT_SECRET']);
    expect(problems({ CALENDAR_TOKEN_KEY: Buffer.alloc(16, 1).toString('base64') })).toEqual(['CALENDAR_TOKEN_KEY']);
    expect(problems({ CALENDAR_TOKEN_KEY: 'not a key' })).toEqual(['CALENDAR_TOKEN_KEY']);
    expect(problems({ CALENDAR_SYNC_POLL_SECONDS: '1' })).toEqual(['CALENDAR_SYNC_POLL_SECONDS']);
    expect(problems({ GOOGLE_API_URL: 'google.local' })).toEqual(['GOOGLE_API_URL']);
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', AUTH_SECRET: 'x'.repeat(32), PUBLIC_URL: 'https://s.example', SMTP_URL: 'smtp://mail.example' };
    expect(problems({ ...production, GOOGLE_CLIENT_ID: 'abc123.apps.googleusercontent.com', GOOGLE_CLIENT_SECRET: 'secret-123' })).toEqual(['CALENDAR_TOKEN_KEY']);
    expect(problems({ ...production, GOOGLE_CLIENT_ID: 'abc123.apps.googleusercontent.com', GOOGLE_CLIENT_SECRET: 'secret-123', CALENDAR_TOKEN_KEY: key })).toEqual([]);
  });

  it('names every malformed variable', () => {
    try {
      parseEnvironment({ PORT: 'eighty', DATABASE_URL: 'mysql://x', CADENZA_DEMO: 'maybe' });
      throw new Error('should have failed');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const vars = (error as ConfigError).problems.map((p) => p.variable).sort();
      expect(vars).toEqual(['CADENZA_DEMO', 'DATABASE_URL', 'PORT']);
      expect((error as Error).message).toMatch(/PORT/);
    }
  });

  it('requires the production settings in production', () => {
    expect(() => parseEnvironment({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL: is required/);
  });

  it('refuses a short signing secret', () => {
    expect(() => parseEnvironment({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET/);
  });

  describe('outgoing mail over TLS', () => {
    const mail = (vars: Record<string, string>) => buildConfig(parseEnvironment(vars), 'x'.repeat(32)).mail;

    it('uses implicit TLS for smtps://, STARTTLS for smtp:// to another host, and plain SMTP only to this machine', () => {
      expect(mail({ SMTP_URL: 'smtps://user:pw@smtp.example.com' }).tls).toEqual({ mode: 'implicit', ca: null });
      expect(mail({ SMTP_URL: 'smtp://user:pw@smtp.example.com:587' }).tls).toEqual({ mode: 'starttls', ca: null });
      expect(mail({ SMTP_URL: 'smtp://127.0.0.1:2525' }).tls.mode).toBe('none');
      expect(mail({ SMTP_URL: 'smtp://localhost:2525' }).tls.mode).toBe('none');
      expect(mail({ SMTP_URL: 'smtp://127.0.0.1:2525', SMTP_TLS: 'starttls' }).tls.mode).toBe('starttls');
      expect(mail({ SMTP_URL: 'smtp://relay.internal:25', SMTP_TLS: 'none' }).tls.mode).toBe('none');
    });

    it('refuses a TLS mode that contradicts the URL, naming the variable', () => {
      expect(() => parseEnvironment({ SMTP_URL: 'smtp://smtp.example.com:587', SMTP_TLS: 'implicit' })).toThrow(/SMTP_TLS: implicit TLS needs an smtps:\/\/ URL/);
      expect(() => parseEnvironment({ SMTP_URL: 'smtps://smtp.example.com', SMTP_TLS: 'starttls' })).toThrow(/SMTP_TLS/);
      expect(() => parseEnvironment({ SMTP_TLS: 'sometimes' })).toThrow(/SMTP_TLS/);
    });

    it('trusts the certificate authorities of SMTP_CA_FILE, refusing a file that is missing or not PEM', () => {
      const dir = mkdtempSync(join(tmpdir(), 'cadenza-ca-'));
      try {
        const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
        writeFileSync(join(dir, 'ca.pem'), pem);
        writeFileSync(join(dir, 'not.pem'), 'hello');
        expect(mail({ SMTP_URL: 'smtps://smtp.example.com', SMTP_CA_FILE: join(dir, 'ca.pem') }).tls).toEqual({ mode: 'implicit', ca: pem });
        expect(() => parseEnvironment({ SMTP_CA_FILE: join(dir, 'missing.pem') })).toThrow(/SMTP_CA_FILE: cannot be read/);
        expect(() => parseEnvironment({ SMTP_CA_FILE: join(dir, 'not.pem') })).toThrow(/SMTP_CA_FILE: must hold PEM certificates/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
