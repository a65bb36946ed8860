import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { connect as connectTls, type ConnectionOptions } from 'node:tls';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { MailConfig, type SmtpTls } from '@cadenza/server/platform/config';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** The server's host, port and how to check its certificate, from the SMTP URL and the TLS settings. */
function smtpEndpoint(smtpUrl: string, tls: SmtpTls): { url: URL; host: string; port: number; tlsOptions: ConnectionOptions } {
  const url = new URL(smtpUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port) || (tls.mode === 'implicit' ? 465 : 587);
  // Certificates are always checked: against SMTP_CA_FILE's authorities when given, else the system's.
  const tlsOptions: ConnectionOptions = {
    host,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
    ...(isIP(host) ? {} : { servername: host }),
    ...(tls.ca ? { ca: tls.ca } : {}),
  };
  return { url, host, port, tlsOptions };
}

/**
 * Sends mail over SMTP with nodemailer. Contexts build their own messages and hand them here.
 * The connection is protected as `MailConfig.tls` says: implicit TLS (smtps://, 465), STARTTLS
 * required before anything is sent (submission, 587), or none (a capture on this machine).
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  private transporter: Transporter | null = null;

  constructor(private readonly config: MailConfig) {}

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.config.smtpUrl) {
      throw new Error('No SMTP server is configured (SMTP_URL).');
    }
    if (!this.transporter) {
      const { url, host, port, tlsOptions } = smtpEndpoint(this.config.smtpUrl, this.config.tls);
      const mode = this.config.tls.mode;
      this.transporter = nodemailer.createTransport({
        host,
        port,
        secure: mode === 'implicit',
        requireTLS: mode === 'starttls',
        ignoreTLS: mode === 'none',
        auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
        tls: tlsOptions,
      });
    }
    const info = await this.transporter.sendMail({ from: this.config.from, ...mail });
    this.logger.log({ messageId: info.messageId }, 'mail sent');
  }

  /**
   * Sends one message and holds back the end of its DATA (the final `.`) until the caller's
   * record of the send is ready to commit. `prepare` writes that record without committing
   * it (or answers null when the send is no longer the caller's to make); then, in one
   * synchronous step, the commit is started and the final `.` written, so no crash can fall
   * between the database learning of the send and the server receiving the end of it. A
   * crash before that step leaves an incomplete SMTP transaction, which the server discards,
   * and an uncommitted record, which the database rolls back. See docs/notifications.md.
   *
   * Speaks SMTP itself (smtp:// or smtps://, AUTH PLAIN when the URL has credentials): a
   * library's pipeline of streams would put event-loop turns between `end()` and the bytes.
   * Resolves 'sent' or 'abandoned'; rejects with a `HeldMailError`.
   */
  async sendHeld(mail: OutgoingMail & { messageId: string; headers?: Record<string, string> }, prepare: () => Promise<HeldCommit | null>): Promise<'sent' | 'abandoned'> {
    if (!this.config.smtpUrl) throw new HeldMailError('No SMTP server is configured (SMTP_URL).', 'before', false);
    const raw = await new MailComposer({ from: this.config.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId, headers: mail.headers }).compile().build();
    const endpoint = smtpEndpoint(this.config.smtpUrl, this.config.tls);
    const session = await SmtpSession.open(endpoint, this.config.tls.mode === 'implicit');
    try {
      await session.command(`EHLO ${hostname()}`, 250);
      if (this.config.tls.mode === 'starttls') {
        await session.startTls(endpoint.tlsOptions);
        await session.command(`EHLO ${hostname()}`, 250);
      }
      const url = endpoint.url;
      if (url.username) {
        const plain = Buffer.from(`\u0000${decodeURIComponent(url.username)}\u0000${decodeURIComponent(url.password)}`).toString('base64');
        await session.command(`AUTH PLAIN ${plain}`, 235);
      }
      await session.command(`MAIL FROM:<${addressOf(this.config.from)}>`, 250);
      await session.command(`RCPT TO:<${mail.to}>`, [250, 251]);
      await session.command('DATA', 354);
      // Every line of the message, dot-stuffed, but not the end of DATA.
      const body = raw.toString('utf8').replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
      await session.write(body.endsWith('\r\n') ? body : `${body}\r\n`);
    } catch (error) {
      session.destroy();
      throw error instanceof HeldMailError ? error : new HeldMailError(error instanceof Error ? error.message : String(error), 'before', false);
    }
    let held: HeldCommit | null;
    try {
      held = await prepare();
    } catch (error) {
      session.destroy();
      throw error;
    }
    if (!held) {
      session.destroy();
      return 'abandoned';
    }
    // One synchronous step: the COMMIT and the end of DATA leave together.
    const reply = session.reply();
    const committed = held.commit();
    session.writeNow('.\r\n');
    if (!(await committed)) {
      // The database refused the commit after the server had the message: it is sent.
      this.logger.error({ messageId: mail.messageId }, 'mail sent but its record did not commit');
    }
    try {
      const { code, text } = await reply;
      if (code !== 250) throw new HeldMailError(`${code} ${text}`, 'after', code >= 500, code);
    } catch (error) {
      session.destroy();
      if (error instanceof HeldMailError) throw error;
      this.logger.warn({ messageId: mail.messageId }, 'connection lost after the end of the message; taken as sent');
      return 'sent';
    }
    session.quit();
    this.logger.log({ messageId: mail.messageId }, 'mail sent');
    return 'sent';
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}

/** Why a held send failed, and whether it had already been confirmed. */
export class HeldMailError extends Error {
  constructor(
    message: string,
    readonly stage: 'before' | 'after',
    readonly permanent: boolean,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'HeldMailError';
  }
}

/** The bare address of `Name <address>`. */
function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from;
}

/** The caller's record of a held send, written but not committed. */
export interface HeldCommit {
  /** Starts the commit before it returns (its first bytes are on their way); resolves whether it committed. */
  commit(): Promise<boolean>;
}

/** A minimal SMTP client session: one command, one reply, in order. */
class SmtpSession {
  private buffer = '';
  private readonly waiting: { resolve: (r: { code: number; text: string }) => void; reject: (e: Error) => void }[] = [];
  private failure: Error | null = null;
  private socket: Socket;
  private readonly fail = (error: Error) => {
    this.failure = error;
    for (const w of this.waiting.splice(0)) w.reject(error);
  };
  private readonly onData = (chunk: string) => this.read(chunk);
  private readonly onClose = () => this.fail(new Error('SMTP connection closed'));

  private constructor(socket: Socket) {
    this.socket = socket;
    this.listen(socket);
  }

  private listen(socket: Socket): void {
    socket.setEncoding('utf8');
    socket.setTimeout(60_000, () => socket.destroy(new Error('SMTP timeout')));
    socket.on('data', this.onData);
    socket.on('error', this.fail);
    socket.on('close', this.onClose);
  }

  static async open(endpoint: { host: string; port: number; tlsOptions: ConnectionOptions }, implicitTls: boolean): Promise<SmtpSession> {
    const { host, port, tlsOptions } = endpoint;
    const socket = implicitTls ? connectTls({ ...tlsOptions, port }) : connectTcp({ host, port });
    const session = new SmtpSession(socket);
    const greeting = await session.reply().catch((error: Error) => {
      throw new HeldMailError(error.message, 'before', false);
    });
    if (greeting.code !== 220) throw new HeldMailError(`${greeting.code} ${greeting.text}`, 'before', greeting.code >= 500, greeting.code);
    return session;
  }

  /** STARTTLS, then the rest of the session over TLS with the server's certificate checked; refused if the server does not offer it. */
  async startTls(tlsOptions: ConnectionOptions): Promise<void> {
    const reply = this.reply();
    this.writeNow('STARTTLS\r\n');
    const { code, text } = await reply;
    if (code !== 220) throw new HeldMailError(`STARTTLS refused (${code} ${text}): not sending in the clear`, 'before', false, code);
    const plain = this.socket;
    plain.off('data', this.onData);
    plain.off('error', this.fail);
    plain.off('close', this.onClose);
    const secure = connectTls({ ...tlsOptions, socket: plain });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', () => resolve());
      secure.once('error', reject);
    }).catch((error: Error) => {
      secure.destroy();
      throw new HeldMailError(error.message, 'before', false);
    });
    this.socket = secure;
    this.listen(secure);
  }

  private read(chunk: string): void {
    this.buffer += chunk;
    for (;;) {
      // A reply ends with a line "NNN text" (not "NNN-text").
      const match = /(^|\r\n)(\d{3}) ([^\r\n]*)\r\n/.exec(this.buffer);
      if (!match) return;
      this.buffer = this.buffer.slice(match.index + match[0].length);
      this.waiting.shift()?.resolve({ code: Number(match[2]), text: match[3] });
    }
  }

  reply(): Promise<{ code: number; text: string }> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  async command(line: string, expected: number | number[]): Promise<void> {
    const reply = this.reply();
    this.writeNow(`${line}\r\n`);
    const { code, text } = await reply;
    if (!(Array.isArray(expected) ? expected : [expected]).includes(code)) throw new HeldMailError(`${code} ${text}`, 'before', code >= 500, code);
  }

  write(data: string): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(data, (error) => (error ? reject(error) : resolve())));
  }

  /** Hands the bytes to the socket now (the kernel has them when this returns, unless the socket is congested). */
  writeNow(data: string): void {
    this.socket.write(data);
  }

  quit(): void {
    this.socket.end('QUIT\r\n');
  }

  destroy(): void {
    this.socket.destroy();
  }
}
