import { enqueueMail } from '../../infrastructure/outbox';
import type { RequestContext } from '../../kernel/request-context';
import { hashToken } from '../../shared/tokens';
import type { AccountEntity } from '../account/account.entity';
import { accountSetupMail } from './password-mail';
import { issuePasswordToken } from './password-token';

/**
 * A set-password link of a new account lasts longer than a reset link (60 minutes): the person may
 * read the mail days later. It is the same single-use token as a reset (`resetPassword` takes it);
 * a later "Forgot password?" replaces it, as it replaces any older link.
 */
export const ACCOUNT_SETUP_TTL_MS = 7 * 24 * 60 * 60_000;

/**
 * In the caller's transaction: stores the hash of a fresh set-password token for `account` and
 * queues the "an account was created for you" mail (in the account's language) in the outbox; it
 * is sent after the commit, so a rolled-back account gets no mail.
 */
export async function issueAccountSetupLink(tx: RequestContext, publicUrl: string, account: AccountEntity): Promise<void> {
  const token = await issuePasswordToken(tx.db, account.id, ACCOUNT_SETUP_TTL_MS);
  const mail = accountSetupMail({
    to: account.email,
    language: account.language,
    firstName: account.firstName,
    setupUrl: `${publicUrl}/password-reset?token=${encodeURIComponent(token)}&welcome=1`,
  });
  await enqueueMail(tx.db, {
    kind: 'ACCOUNT_SETUP',
    dedupeKey: `account-setup:${account.id}:${hashToken(token).slice(0, 16)}`,
    recipientAccountId: account.id,
    to: mail.to,
    language: mail.language,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: { 'X-Clientele-Event': 'ACCOUNT_SETUP' },
  });
  tx.afterCommit(() => tx.deps.outbox.notify());
}
