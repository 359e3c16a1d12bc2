import type { MessageKey } from '../../app/i18n/en';
import { en } from '../../app/i18n/en';
import type { Translate } from '../../app/i18n/I18nProvider';

/** Every action code the server records that has a name in the catalogues (audit.action.*), in catalogue order. */
export const AUDIT_ACTIONS: string[] = Object.keys(en)
  .filter((key) => key.startsWith('audit.action.'))
  .map((key) => key.slice('audit.action.'.length));

/** The action as people say it ("Company moved"); an action the catalogues do not know keeps its code. */
export function auditActionLabel(action: string, t: Translate): string {
  const key = `audit.action.${action}`;
  return key in en ? t(key as MessageKey) : action;
}

/** "Company", "Membership", …; an unknown type keeps its name. */
export function auditTargetLabel(targetType: string, t: Translate): string {
  const key = `audit.target.${targetType}`;
  return key in en ? t(key as MessageKey) : targetType;
}

/** Field names the portal already has words for; the rest keep the server's name. */
const FIELD_LABELS: Record<string, MessageKey> = {
  name: 'staff.companyName',
  parentId: 'staff.parent',
  parentName: 'staff.parent',
  portalEnabled: 'staff.setting.portalEnabled',
  membersSeeCompanyTickets: 'staff.setting.membersSeeCompanyTickets',
  subsidiaryTicketsVisible: 'staff.setting.subsidiaryTicketsVisible',
  shareTicketsWithFamily: 'staff.setting.shareTicketsWithFamily',
  twoFactorRequired: 'twoFactorPolicy.label',
  role: 'people.role',
  capabilities: 'people.capabilities',
  email: 'people.email',
  firstName: 'invite.firstName',
  lastName: 'invite.lastName',
  language: 'nav.language',
  staffRole: 'staff.staffRole',
  status: 'people.status',
};

export interface AuditChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

function valueText(field: string, value: unknown, t: Translate): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return t(value ? 'audit.yes' : 'audit.no');
  if (field === 'role' && typeof value === 'string' && `role.${value}` in en) return t(`role.${value}` as MessageKey);
  if (field === 'staffRole' && typeof value === 'string' && `staffRole.${value}` in en) return t(`staffRole.${value}` as MessageKey);
  // a ticket's or an invitation's status
  if (field === 'status' && typeof value === 'string')
    for (const key of [`status.${value}`, `invitationStatus.${value}`]) if (key in en) return t(key as MessageKey);
  if (field === 'capabilities' && Array.isArray(value))
    return value.length ? value.map((c) => (`capability.${c}` in en ? t(`capability.${c}` as MessageKey) : String(c))).join(', ') : '—';
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Before and after as people read a change: one row per field that differs (a created thing: its
 * fields, before empty; a removed one: its fields, after empty). Fields that stayed are left out.
 */
export function auditChanges(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
  t: Translate,
): AuditChange[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  // a company's parent is shown by its name where the server recorded one (older events have the id only)
  const named = fields.includes('parentName');
  return fields
    .filter((field) => !(named && field === 'parentId'))
    .filter((field) => !before || !after || JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({
      field,
      label: field in FIELD_LABELS ? t(FIELD_LABELS[field]) : field,
      before: before ? valueText(field, before[field], t) : null,
      after: after ? valueText(field, after[field], t) : null,
    }));
}
