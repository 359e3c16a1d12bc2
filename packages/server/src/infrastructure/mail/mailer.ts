import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { Transporter } from 'nodemailer';
import type { Config } from '../../config';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  language: string;
  /** Extra headers (X-Clientele-Event, List-Unsubscribe, ...); Content-Language comes from `language`. */
  headers?: Record<string, string>;
  /** A stable id of this mail: its Message-ID is `<messageId@domain of MAIL_FROM>`, the same when it is sent again. */
  messageId?: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/**
 * SMTP when SMTP_URL is set; otherwise every message is written to MAIL_OUTBOX as one .eml file
 * (RFC 822, built by nodemailer's stream transport, so it is exactly what SMTP would carry).
 */
export function createMailer(config: Config['mail']): Mailer {
  const smtp = config.smtpUrl !== null;
  const domain = /@([^\s>]+)/.exec(config.from)?.[1] ?? 'clientele.local';
  const transport: Transporter = smtp
    ? nodemailer.createTransport(config.smtpUrl!)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      const message = {
        from: config.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: { ...mail.headers, 'Content-Language': mail.language },
        messageId: mail.messageId === undefined ? undefined : `<${mail.messageId}@${domain}>`,
      };
      const info = await transport.sendMail(message);
      if (!smtp) {
        await fs.mkdir(config.outbox, { recursive: true });
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^A-Za-z0-9]/g, '')}.eml`;
        await fs.writeFile(path.join(config.outbox, name), info.message as Buffer);
      }
    },
  };
}
