/**
 * Outgoing mail: through SMTP when SMTP_URL is set, otherwise written to the log so a
 * single-machine install still gets its sign-in and verification links. nodemailer is
 * imported, and its transport made, when the first message is sent, not at start.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  let transport: Promise<Transporter> | undefined;
  return {
    async send(message) {
      transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(smtpUrl));
      await (await transport).sendMail({ from, ...message });
    },
    close: () => void transport?.then((made) => made.close()),
  };
}

/**
 * Mail without SMTP: each message is logged at `warn`, so its link shows at the default level
 * and at LOG_LEVEL=warn, and the line says why it is in the log rather than in an inbox.
 */
export function createLogMailer(log: FastifyBaseLogger): Mailer {
  return {
    async send(message) {
      log.warn(
        { mailTo: message.to, mailSubject: message.subject },
        `No SMTP server is configured (SMTP_URL is not set), so this mail is written to the log instead of being sent. ` +
          `Mail to ${message.to}: ${message.subject}\n${message.text}`,
      );
    },
    close: () => undefined,
  };
}
