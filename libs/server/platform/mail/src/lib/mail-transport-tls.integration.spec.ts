import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { MailConfig, type SmtpTls } from '@cadenza/server/platform/config';
import { MailCapture } from './mail-capture.js';
import { HeldMailError, MailTransport } from './mail-transport.js';

/** A certificate for 127.0.0.1 and localhost, signed by itself, made for this run. */
function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cadenza-smtp-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Received {
  subject: string;
  secure: boolean;
}

/** An SMTP server with the certificate: implicit TLS, or plain with STARTTLS, refusing any mail not sent over TLS. */
async function tlsSmtpServer(mode: 'implicit' | 'starttls', certificate: { key: string; cert: string }): Promise<{ port: number; received: Received[]; stop: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    secure: mode === 'implicit',
    key: certificate.key,
    cert: certificate.cert,
    authOptional: true,
    logger: false,
    onMailFrom: (_address, session, callback) => (session.secure ? callback() : callback(Object.assign(new Error('Must issue a STARTTLS command first'), { responseCode: 530 }))),
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ subject: /^Subject: (.*)$/m.exec(Buffer.concat(chunks).toString('utf8'))?.[1]?.trim() ?? '', secure: session.secure });
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server as unknown as { server: { address(): { port: number } } }).server.address().port;
  return { port, received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const mail = (subject: string) => ({ to: 'parent@cadenza.test', subject, text: 'The lesson at four.', html: '<p>The lesson at four.</p>' });
const committing = async () => ({ commit: async () => true });

describe('outgoing mail over TLS', () => {
  const certificate = selfSignedCertificate();
  const servers: { stop: () => Promise<void> }[] = [];
  const transports: MailTransport[] = [];
  const transport = (url: string, tls: SmtpTls) => {
    const t = new MailTransport(new MailConfig(url, 'Cadenza <school@cadenza.test>', 'https://cadenza.test', tls));
    transports.push(t);
    return t;
  };

  afterAll(async () => {
    for (const t of transports) t.onModuleDestroy();
    for (const s of servers) await s.stop();
  });

  it('sends through STARTTLS on a submission server whose certificate it trusts, both ways of sending', async () => {
    const server = await tlsSmtpServer('starttls', certificate);
    servers.push(server);
    const t = transport(`smtp://127.0.0.1:${server.port}`, { mode: 'starttls', ca: certificate.cert });
    await t.send(mail('Plain send'));
    await expect(t.sendHeld({ ...mail('Held send'), messageId: '<held-1@cadenza.test>' }, committing)).resolves.toBe('sent');
    expect(server.received).toEqual([
      { subject: 'Plain send', secure: true },
      { subject: 'Held send', secure: true },
    ]);
  });

  it('sends over implicit TLS to a server whose certificate it trusts, both ways of sending', async () => {
    const server = await tlsSmtpServer('implicit', certificate);
    servers.push(server);
    const t = transport(`smtps://127.0.0.1:${server.port}`, { mode: 'implicit', ca: certificate.cert });
    await t.send(mail('Plain send'));
    await expect(t.sendHeld({ ...mail('Held send'), messageId: '<held-2@cadenza.test>' }, committing)).resolves.toBe('sent');
    expect(server.received).toEqual([
      { subject: 'Plain send', secure: true },
      { subject: 'Held send', secure: true },
    ]);
  });

  it('refuses a server whose certificate it does not trust, sending nothing', async () => {
    for (const mode of ['starttls', 'implicit'] as const) {
      const server = await tlsSmtpServer(mode, certificate);
      servers.push(server);
      const t = transport(`${mode === 'implicit' ? 'smtps' : 'smtp'}://127.0.0.1:${server.port}`, { mode, ca: null });
      await expect(t.send(mail('Untrusted'))).rejects.toThrow(/self[- ]signed certificate/i);
      await expect(t.sendHeld({ ...mail('Untrusted held'), messageId: `<held-${mode}@cadenza.test>` }, committing)).rejects.toThrow(/self[- ]signed certificate/i);
      expect(server.received).toEqual([]);
    }
  });

  it('refuses to send in the clear when STARTTLS is required and the server does not offer it', async () => {
    const capture = await new MailCapture().start(0);
    servers.push(capture);
    const t = transport(capture.url, { mode: 'starttls', ca: certificate.cert });
    await expect(t.send(mail('In the clear'))).rejects.toThrow(/STARTTLS/);
    const held = t.sendHeld({ ...mail('In the clear, held'), messageId: '<held-clear@cadenza.test>' }, committing);
    await expect(held).rejects.toBeInstanceOf(HeldMailError);
    await expect(held).rejects.toThrow(/STARTTLS/);
    expect(capture.messages).toEqual([]);
  });
});
