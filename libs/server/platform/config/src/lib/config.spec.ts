import { ConfigError, buildConfig, parseEnvironment } from './config.js';

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
});
