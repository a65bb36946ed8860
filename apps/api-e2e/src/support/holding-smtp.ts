import { SMTPServer } from 'smtp-server';

/** A message whose end of DATA reached the server: from then on the server may have it, answered or not. */
export interface ArrivedMail {
  /** The send key (`X-Cadenza-Delivery`), headers unfolded first; null for other mail. */
  key: string | null;
  to: string[];
}

/** What the server is holding now: the ends of DATA it has not answered, and the sessions stopped at RCPT TO. */
export interface Holding {
  /** Keys of messages whose end of DATA arrived and is unanswered. */
  ends: string[];
  /** Sessions waiting for the answer to RCPT TO (a send claimed, nothing of its message sent). */
  atRecipient: number;
}

/**
 * A capture SMTP server that injects the fault a crash test needs. Armed, it holds its answer to the
 * first end of DATA that arrives (the message has reached the server, and the sender waits for its 250),
 * and from then on every other end of DATA and every RCPT TO too, so a sender killed meanwhile has some
 * sends whose message the server has and some it never began. Disarmed, it answers at once, as a
 * capture does. Every message whose end of DATA arrived is counted, answered or not.
 */
export class HoldingSmtp {
  readonly arrived: ArrivedMail[] = [];
  private server: SMTPServer | null = null;
  private port = 0;
  private armed = false;
  private holding = false;
  private heldEnds: { key: string; answer: () => void }[] = [];
  private heldRecipients: (() => void)[] = [];
  private readonly open = new Set<string>();

  async start(): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onConnect: (session, callback) => {
        this.open.add(session.id);
        callback();
      },
      onClose: (session) => {
        this.open.delete(session.id);
      },
      onRcptTo: (_address, _session, callback) => {
        if (this.holding) this.heldRecipients.push(() => callback());
        else callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        // A sender that goes away before the end of DATA leaves an incomplete message: nothing is kept.
        stream.on('error', () => undefined);
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const head = Buffer.concat(chunks).toString('utf8').split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
          const key = /^X-Cadenza-Delivery:\s*(\S+)/im.exec(head)?.[1] ?? null;
          this.arrived.push({ key, to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()) });
          if (this.armed && key) {
            this.holding = true;
            this.heldEnds.push({ key, answer: () => callback() });
          } else callback();
        });
      },
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    // A sender killed in the middle of a session resets its connection: the server carries on.
    server.on('error', () => undefined);
    this.port = (server as unknown as { server: { address(): { port: number } } }).server.address().port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** How many times a key's message arrived. */
  countOf(key: string): number {
    return this.arrived.filter((m) => m.key === key).length;
  }

  /** Holds from the next end of DATA on (see the class). */
  arm(): void {
    this.armed = true;
  }

  /** What is held now. */
  held(): Holding {
    return { ends: this.heldEnds.map((h) => h.key), atRecipient: this.heldRecipients.length };
  }

  /** Sessions open now (a killed sender's go when the kernel closes its sockets). */
  get openSessions(): number {
    return this.open.size;
  }

  /** Answers at once again, and answers what it held (to senders that are gone, that answer goes nowhere). */
  disarm(): void {
    this.armed = false;
    this.holding = false;
    for (const answer of [...this.heldEnds.map((h) => h.answer), ...this.heldRecipients].splice(0)) {
      try {
        answer();
      } catch {
        // The session is gone with its sender.
      }
    }
    this.heldEnds = [];
    this.heldRecipients = [];
  }

  async stop(): Promise<void> {
    this.disarm();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
