import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { MailConfig } from '@cadenza/server/platform/config';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends mail over SMTP with nodemailer. Contexts build their own messages and hand them here. */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  private transporter: Transporter | null = null;

  constructor(private readonly config: MailConfig) {}

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.config.smtpUrl) {
      throw new Error('No SMTP server is configured (SMTP_URL).');
    }
    this.transporter ??= nodemailer.createTransport(this.config.smtpUrl);
    const info = await this.transporter.sendMail({ from: this.config.from, ...mail });
    this.logger.log({ messageId: info.messageId }, 'mail sent');
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}
