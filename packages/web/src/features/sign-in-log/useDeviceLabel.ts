import { useI18n } from '../../app/i18n/useI18n';
import { deviceName } from '../security/deviceName';

const RAW_MAX = 60;

/** A user agent as a person reads it ("Firefox on Windows"); one we cannot read is shown shortened, none as "Unknown device". */
export function useDeviceLabel() {
  const { t } = useI18n();
  return (userAgent: string | null | undefined) => {
    if (!userAgent) return t('signInLog.unknownDevice');
    const known = deviceName(userAgent);
    if (known) return t('signInLog.device', known);
    return userAgent.length > RAW_MAX ? `${userAgent.slice(0, RAW_MAX - 1)}…` : userAgent;
  };
}
