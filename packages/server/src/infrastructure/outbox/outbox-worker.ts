import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { Mailer } from '../mail/mailer';
import { OutboxMailKind, OutboxMessageEntity } from './outbox-message.entity';
import { retryFailedMail } from './enqueue-mail';
import { OutboxChannel, OutboxEngine, OutboxEngineOptions } from './outbox-engine';
import { OUTBOX_TABLE } from './outbox-sql';

export { defaultOutboxBackoff } from './outbox-engine';

export interface OutboxWorkerOptions extends OutboxEngineOptions {
  mailer: Mailer;
}

/** Kinds whose bodies hold a long-lived secret (the invitation link, a new account's set-password link): blanked once sent. */
const BLANKED_WHEN_SENT: ReadonlySet<OutboxMailKind> = new Set(['INVITATION', 'ACCOUNT_SETUP']);

/** The mail outbox as a channel of the engine: rows of `outbox_message`, sent by the mailer. */
class MailChannel implements OutboxChannel<OutboxMessageEntity> {
  readonly noun = 'mail';
  readonly peer = 'the mail server';
  readonly table = OUTBOX_TABLE;
  readonly dueIndex = 'ix_outbox_due';
  readonly leaseIndex = 'ix_outbox_lease';

  constructor(private readonly mailer: Mailer) {}

  load(manager: EntityManager, ids: string[], workerId: string): Promise<OutboxMessageEntity[]> {
    return manager.find(OutboxMessageEntity, { where: { id: In(ids), claimedBy: workerId, status: 'SENDING' } });
  }

  async send(row: OutboxMessageEntity) {
    await this.mailer.send({
      to: row.toAddress,
      subject: row.subject,
      text: row.textBody,
      html: row.htmlBody,
      language: row.language,
      headers: row.headers,
      messageId: row.id,
    });
    return { error: null };
  }

  sentAssignments(row: OutboxMessageEntity): string[] {
    return BLANKED_WHEN_SENT.has(row.kind) ? [`text_body = ''`, `html_body = ''`] : [];
  }
}

/**
 * Delivers the mail outbox (README.md beside this file) with the outbox engine: claims due mails in
 * a short transaction, sends them outside any transaction, then records the result if its claim
 * still holds. At least once; several workers, in one process or many, never claim a mail at the
 * same time.
 */
export class OutboxWorker extends OutboxEngine<OutboxMessageEntity> {
  constructor(options: OutboxWorkerOptions) {
    super(new MailChannel(options.mailer), options);
  }

  /** Puts a FAILED mail back in line for now, with a fresh set of attempts; false when it is not FAILED. */
  async retry(id: string): Promise<boolean> {
    const changed = await this.transactions.run((manager) => retryFailedMail(manager, id, this.clock()));
    if (changed) this.notify();
    return changed;
  }
}
