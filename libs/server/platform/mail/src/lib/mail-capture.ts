import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  to: string[];
  from: string;
  raw: string;
  subject: string;
  /** The decoded text part (quoted-printable soft breaks joined). */
  text: string;
}

/**
 * A local SMTP server that keeps what it receives: for tests, and for the
 * embedded default when no SMTP server is configured (links are then printed).
 */
export class MailCapture {
  readonly messages: CapturedMail[] = [];
  private readonly listeners = new Set<(mail: CapturedMail) => void>();
  private server: SMTPServer | null = null;
  port = 0;

  /** `rejectRecipient` makes the server refuse some addresses with a 550, as a real one refuses a mailbox that does not exist. */
  constructor(private readonly options: { rejectRecipient?: (address: string) => boolean } = {}) {}

  async start(port = 0, host = '127.0.0.1'): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (this.options.rejectRecipient?.(address.address.toLowerCase())) {
          callback(Object.assign(new Error('No such mailbox here'), { responseCode: 550 }));
          return;
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        // A client that goes away before the final "." leaves an incomplete message: the stream errors and nothing is kept.
        stream.on('error', () => undefined);
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const mail: CapturedMail = {
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            raw,
            subject: /^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? '',
            text: decodeText(raw),
          };
          this.messages.push(mail);
          this.listeners.forEach((l) => l(mail));
          callback();
        });
      },
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    // Once listening, the server's errors are its clients' (a sender killed in the middle of a
    // message resets its connection): that message is dropped and the server carries on.
    server.on('error', () => undefined);
    const address = (this.server as unknown as { server: { address(): { port: number } } }).server.address();
    this.port = address.port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  onMail(listener: (mail: CapturedMail) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The first message to `address` matching `predicate`, waiting for it up to `timeoutMs`. */
  async waitFor(address: string, predicate: (mail: CapturedMail) => boolean = () => true, timeoutMs = 5000): Promise<CapturedMail> {
    const match = (m: CapturedMail) => m.to.includes(address.toLowerCase()) && predicate(m);
    const found = this.messages.find(match);
    if (found) return found;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`No mail to ${address} within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onMail((m) => {
        if (match(m)) {
          clearTimeout(timer);
          off();
          resolve(m);
        }
      });
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function decodeText(raw: string): string {
  const body = raw.split(/\r?\n\r?\n/).slice(1).join('\n\n');
  return body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Pulls the first link to the given path out of a captured mail. */
export function linkIn(mail: CapturedMail, pathPart: string): string {
  const match = new RegExp(`https?://[^\\s"<>]*${pathPart.replaceAll('/', '\\/')}[^\\s"<>]*`).exec(mail.text);
  if (!match) {
    throw new Error(`No link containing ${pathPart} in mail "${mail.subject}"`);
  }
  return match[0].replace(/&amp;/g, '&');
}
