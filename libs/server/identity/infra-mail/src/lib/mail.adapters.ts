import { Injectable, Module } from '@nestjs/common';
import { MailConfig } from '@cadenza/server/platform/config';
import { MailTransport } from '@cadenza/server/platform/mail';
import { IdentityMailer, LinkBuilder } from '@cadenza/server/identity/domain';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function layout(title: string, paragraphs: string[], action: { label: string; href: string }): string {
  return `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;color:#1f2933;max-width:560px;margin:auto;padding:24px">
<h1 style="font-size:20px">${escape(title)}</h1>
${paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')}
<p><a href="${escape(action.href)}" style="display:inline-block;background:#3949ab;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${escape(action.label)}</a></p>
<p style="font-size:12px;color:#52606d">If the button does not work, open this address: ${escape(action.href)}</p>
</body></html>`;
}

/** Invitation and reset mail, in HTML and plain text, over the platform's SMTP transport. */
@Injectable()
export class SmtpIdentityMailer extends IdentityMailer {
  constructor(private readonly transport: MailTransport) {
    super();
  }

  async sendInvitation(to: { email: string; name: string }, school: { name: string }, link: string, expiresAt: Date): Promise<void> {
    const lines = [`Hello ${to.name},`, `${school.name} has invited you to Cadenza.`, `Set your password to join. The link works until ${expiresAt.toUTCString()}.`];
    await this.transport.send({
      to: to.email,
      subject: `You are invited to ${school.name} on Cadenza`,
      text: `${lines.join('\n\n')}\n\n${link}\n`,
      html: layout(`Join ${school.name}`, lines, { label: 'Set your password', href: link }),
    });
  }

  async sendPasswordReset(to: { email: string; name: string }, link: string, expiresAt: Date): Promise<void> {
    const lines = [`Hello ${to.name},`, 'Someone asked to reset your Cadenza password. If it was not you, ignore this mail.', `The link works until ${expiresAt.toUTCString()}.`];
    await this.transport.send({
      to: to.email,
      subject: 'Reset your Cadenza password',
      text: `${lines.join('\n\n')}\n\n${link}\n`,
      html: layout('Reset your password', lines, { label: 'Choose a new password', href: link }),
    });
  }
}

/** Links in mail open the app the person uses: the console for staff, the portal for families. */
@Injectable()
export class PublicUrlLinkBuilder extends LinkBuilder {
  constructor(private readonly config: MailConfig) {
    super();
  }

  invitation(token: string, forStaff: boolean): string {
    return `${this.base(forStaff)}/accept-invitation?token=${encodeURIComponent(token)}`;
  }

  passwordReset(token: string, forStaff: boolean): string {
    return `${this.base(forStaff)}/reset-password?token=${encodeURIComponent(token)}`;
  }

  private base(forStaff: boolean): string {
    const root = this.config.publicUrl.replace(/\/$/, '');
    return forStaff ? `${root}/console` : root;
  }
}

const providers = [
  { provide: IdentityMailer, useClass: SmtpIdentityMailer },
  { provide: LinkBuilder, useClass: PublicUrlLinkBuilder },
];

@Module({ providers, exports: providers.map((p) => p.provide) })
export class IdentityMailModule {}
