/** What revoking did besides marking the invitation REVOKED (`InvitationPayload.revokeOutcome`). */
export enum RevokeInvitationOutcome {
  /** A pending (or expired) invitation: withdrawn, its link no longer works. */
  WITHDRAWN = 'WITHDRAWN',
  /** An accepted invitation: the membership it created was removed too. */
  MEMBERSHIP_REMOVED = 'MEMBERSHIP_REMOVED',
  /** An accepted invitation whose membership no longer exists (removed earlier): nothing else to remove. */
  NO_MEMBERSHIP = 'NO_MEMBERSHIP',
  /**
   * An accepted invitation that is linked to no existing membership, while the invitee still has a
   * membership in the company that this invitation did not create (added or re-added otherwise): it stays.
   */
  MEMBERSHIP_KEPT = 'MEMBERSHIP_KEPT',
}
