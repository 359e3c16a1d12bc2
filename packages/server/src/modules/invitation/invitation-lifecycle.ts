import { In } from 'typeorm';
import type { Config } from '../../config';
import type { RequestContext } from '../../kernel/request-context';
import { lockForUpdate } from '../../db/transactions';
import { enqueueMail } from '../../infrastructure/outbox';
import { forbidden, invalidInput, notFound } from '../../shared/errors';
import { isIdOf } from '../../shared/ids';
import { hashToken } from '../../shared/tokens';
import { invitationScope } from '../access/visibility';
import type { CompanyEntity } from '../company/company.entity';
import { invitationMail } from './invitation-mail';
import { takeInvitationMailQuota } from './invitation-mail-quota';
import { InvitationEntity, InvitationStatus } from './invitation.entity';
import { canInviteInto } from './invitation.policy';

/** The settings the invitation use cases read: the accept link's base, the time to live and the mail limits. */
export type InvitationConfig = Pick<Config, 'publicUrl' | 'invitationTtlHours' | 'invitationMailLimits'>;

/** EXPIRED is reported for a pending invitation past its expiry. */
export function reportedStatus(invitation: InvitationEntity, now = new Date()): InvitationStatus {
  return invitation.status === InvitationStatus.PENDING && invitation.expiresAt <= now ? InvitationStatus.EXPIRED : invitation.status;
}

/** An invitation as the audit log shows it, before and after a change. */
export const invitationAuditView = (i: InvitationEntity) => ({
  email: i.email,
  firstName: i.firstName,
  lastName: i.lastName,
  language: i.language,
  role: i.role,
  status: i.status,
  expiresAt: i.expiresAt.toISOString(),
  membershipId: i.membershipId,
});

/** The (company, email) slot a pending invitation holds: unique (ux_invitation_pending). */
export const pendingKeyOf = (companyId: string, emailNormalized: string) => `${companyId}:${emailNormalized}`;

export const expiryFrom = (config: InvitationConfig, now: Date): Date => new Date(now.getTime() + config.invitationTtlHours * 3_600_000);

/** Invitations among `ids` that the viewer sees (invitationScope): node(id) and the changes below. */
export async function findVisibleInvitations(ctx: RequestContext, ids: readonly string[]): Promise<InvitationEntity[]> {
  const query = ctx.db
    .getRepository(InvitationEntity)
    .createQueryBuilder('i')
    .where({ id: In([...ids]) });
  const scope = invitationScope(await ctx.grants(), 'i');
  if (scope) query.andWhere(scope.sql, scope.params);
  return query.getMany();
}

/**
 * Locks the invitation's company (invitation changes of one company serialize on it), then checks
 * visibility and the viewer's right against the state after the lock; returns the row read again.
 */
export async function lockInvitationForChange(tx: RequestContext, id: string): Promise<InvitationEntity> {
  if (!isIdOf('Invitation', id)) throw invalidInput('id is not an invitation id', ['id']);
  const found = await tx.db.findOneBy(InvitationEntity, { id });
  if (!found) throw notFound('Invitation', ['id']);
  await lockForUpdate(tx.db, 'company', 'id', [found.companyId]);
  tx.resetCaches();
  if ((await findVisibleInvitations(tx, [id])).length === 0) throw notFound('Invitation', ['id']);
  if (!(await canInviteInto(tx, found.companyId))) throw forbidden('Only administrators of this company can manage its invitations');
  return tx.db.findOneByOrFail(InvitationEntity, { id });
}

/** Frees the (company, email) pending slot of an invitation past its expiry. */
export async function markExpired(tx: RequestContext, invitation: InvitationEntity): Promise<void> {
  invitation.status = InvitationStatus.EXPIRED;
  invitation.pendingKey = null;
  invitation.tokenHash = null;
  await tx.db.update(InvitationEntity, { id: invitation.id }, { status: invitation.status, pendingKey: null, tokenHash: null });
}

export const acceptUrl = (config: InvitationConfig, token: string): string =>
  `${config.publicUrl}/invitations/accept?token=${encodeURIComponent(token)}`;

/**
 * The invitation mail from the viewer, in the invitee's language, carrying `token`'s accept link.
 * RATE_LIMITED when the inviter, the address or the invitation is over its mail limit: callers make
 * this the last step of their transaction, so a refused mail leaves nothing changed.
 */
export async function enqueueInvitationMail(
  ctx: RequestContext,
  config: InvitationConfig,
  invitation: InvitationEntity,
  company: CompanyEntity,
  token: string,
): Promise<void> {
  const inviter = ctx.viewer!.account;
  await takeInvitationMailQuota(ctx.db, config.invitationMailLimits, {
    invitationId: invitation.id,
    inviterId: inviter.id,
    emailNormalized: invitation.emailNormalized,
  });
  const mail = invitationMail({
    to: invitation.email,
    language: invitation.language,
    firstName: invitation.firstName,
    inviterName: `${inviter.firstName} ${inviter.lastName}`.trim(),
    companyName: company.name,
    role: invitation.role,
    expiresAt: invitation.expiresAt,
    acceptUrl: acceptUrl(config, token),
  });
  // written with the invitation (a rollback sends nothing), delivered by the outbox after the commit;
  // a resend is a new token, hence a new mail (its own dedupe key)
  await enqueueMail(ctx.db, {
    kind: 'INVITATION',
    dedupeKey: `invitation:${invitation.id}:${hashToken(token).slice(0, 16)}`,
    to: mail.to,
    language: mail.language,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
  });
  ctx.afterCommit(() => ctx.deps.outbox.notify());
}
