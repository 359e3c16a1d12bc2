import type { MessageKey } from '../../app/i18n/en';
import { graphql } from '../../gql';

/** Every setting, as the detail shows it and as updateCompany returns it: `settings { ...CompanySettingsFields }`. */
graphql(`
  fragment CompanySettingsFields on CompanySettings {
    portalEnabled
    membersSeeCompanyTickets
    subsidiaryTicketsVisible
    shareTicketsWithFamily
    twoFactorRequired
  }
`);

// twoFactorRequired is not among these: it has its own switch that asks first (TwoFactorRequiredSwitch)
export type SettingKey = 'portalEnabled' | 'membersSeeCompanyTickets' | 'subsidiaryTicketsVisible' | 'shareTicketsWithFamily';
export const SETTINGS: SettingKey[] = ['portalEnabled', 'membersSeeCompanyTickets', 'subsidiaryTicketsVisible', 'shareTicketsWithFamily'];
/** What createCompany applies to a setting left out (CompanySettingsInput). */
export const DEFAULT_SETTINGS: Record<SettingKey, boolean> = {
  portalEnabled: true,
  membersSeeCompanyTickets: false,
  subsidiaryTicketsVisible: false,
  shareTicketsWithFamily: false,
};
export const settingLabel = (key: SettingKey) => `staff.setting.${key}` as MessageKey;
