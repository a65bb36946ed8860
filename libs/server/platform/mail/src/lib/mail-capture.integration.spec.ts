import { connect, type Socket } from 'node:net';
import nodemailer from 'nodemailer';
import { MailCapture } from './mail-capture.js';

/** Speaks SMTP line by line on a raw socket, waiting for each reply. */
async function smtpSession(port: number): Promise<{ socket: Socket; say(line: string): Promise<string> }> {
  const socket = connect(port, '127.0.0.1');
  let buffered = '';
  let waiting: ((reply: string) => void) | null = null;
  socket.on('data', (chunk) => {
    buffered += chunk.toString();
    if (waiting && /\r\n$/.test(buffered)) {
      const reply = buffered;
      buffered = '';
      waiting(reply);
    }
  });
  const next = () => new Promise<string>((resolve) => (waiting = resolve));
  await next(); // greeting
  return {
    socket,
    say: (line) => {
      const reply = next();
      socket.write(`${line}\r\n`);
      return reply;
    },
  };
}

describe('mail capture', () => {
  let capture: MailCapture;

  beforeEach(async () => {
    capture = await new MailCapture().start(0);
  });
  afterEach(() => capture.stop());

  it('keeps serving when senders reset their connections in the middle of a message, keeping nothing of them', async () => {
    // Several, as a killed worker's pooled connections all go at once.
    for (let i = 0; i < 3; i++) await resetMidMessage(capture.port);

    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: capture.port, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'school@cadenza.test', to: 'parent@cadenza.test', subject: 'Whole reminder', text: 'The lesson at four.' });
    transport.close();
    expect(capture.messages.map((m) => m.subject)).toEqual(['Whole reminder']);
  });
});

/** Starts a message and resets the connection half way through it, as a SIGKILLed sender's socket does (RST, not FIN). */
async function resetMidMessage(port: number): Promise<void> {
  const session = await smtpSession(port);
  expect(await session.say('EHLO killed.test')).toMatch(/^250/m);
  expect(await session.say('MAIL FROM:<worker@cadenza.test>')).toMatch(/^250/);
  expect(await session.say('RCPT TO:<parent@cadenza.test>')).toMatch(/^250/);
  expect(await session.say('DATA')).toMatch(/^354/);
  session.socket.write('Subject: Half a reminder\r\n\r\nThe lesson at');
  await new Promise((resolve) => setTimeout(resolve, 50)); // the server is reading the message
  const closed = new Promise((resolve) => session.socket.once('close', resolve));
  session.socket.resetAndDestroy();
  await closed;
  await new Promise((resolve) => setTimeout(resolve, 100)); // the server has seen the reset
}
