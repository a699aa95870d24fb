/**
 * Outgoing mail: through SMTP when SMTP_URL is set, otherwise written to the log so a
 * single-machine install still gets its sign-in and verification links.
 */
import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';

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
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
    close: () => transport.close(),
  };
}

export function createLogMailer(log: FastifyBaseLogger): Mailer {
  return {
    async send(message) {
      log.info({ mailTo: message.to }, `mail to ${message.to}: ${message.subject}\n${message.text}`);
    },
    close: () => undefined,
  };
}
