export { createMailer, mailErrorLine, type Mailer, type MailerOptions, type OutgoingMail } from './mailer.ts';
export { reportJobOutcome, type AlertAction, type AlertChannels, type AlertPayload, type JobOutcome } from './alerts.ts';
