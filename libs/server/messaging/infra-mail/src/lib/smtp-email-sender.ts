import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EmailFailure, EmailSender, type EmailContent, type HeldSend } from '@cadenza/server/messaging/domain';
import { HeldMailError, MailTransport } from '@cadenza/server/platform/mail';

/** A deterministic Message-ID for a send key: the same key always names the same message. */
export function messageIdFor(key: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@notifications.cadenza>`;
}

/**
 * Notification email over SMTP with the end of DATA held until the send's record is ready,
 * then sent together with its commit (`MailTransport.sendHeld`). The key travels as the Message-ID and in `X-Cadenza-Delivery`,
 * so a receiving system can also drop a duplicate.
 */
@Injectable()
export class SmtpEmailSender extends EmailSender {
  constructor(private readonly mail: MailTransport) {
    super();
  }

  async send(key: string, mail: EmailContent, prepare: () => Promise<HeldSend | null>): Promise<'sent' | 'abandoned'> {
    try {
      return await this.mail.sendHeld({ ...mail, messageId: messageIdFor(key), headers: { 'X-Cadenza-Delivery': key } }, prepare);
    } catch (error) {
      if (error instanceof HeldMailError) throw new EmailFailure(error.message, error.permanent);
      throw error;
    }
  }
}
