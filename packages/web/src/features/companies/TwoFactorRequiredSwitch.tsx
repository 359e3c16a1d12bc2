import { Switch } from '@mantine/core';
import { useRef, useState } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

/**
 * The company's "Require two-step sign-in" (staff ADMIN): it changes how every member signs in, so
 * the switch asks first and says what will happen; closing the dialog gives the focus back to the switch.
 */
export function TwoFactorRequiredSwitch({
  companyName,
  checked,
  disabled,
  saving,
  onConfirm,
}: {
  companyName: string;
  checked: boolean;
  disabled: boolean;
  saving: boolean;
  /** Saves the new value; the dialog closes when it settles. */
  onConfirm: (value: boolean) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState<boolean | null>(null); // the value to confirm
  const company = { company: companyName };
  const input = useRef<HTMLInputElement>(null);
  const close = () => {
    setAsking(null);
    requestAnimationFrame(() => input.current?.focus()); // once the dialog has let go of it
  };

  return (
    <>
      <Switch
        ref={input}
        label={t('twoFactorPolicy.label')}
        description={t('twoFactorPolicy.description')}
        checked={checked}
        disabled={disabled}
        onChange={(e) => setAsking(e.currentTarget.checked)}
      />
      {asking !== null && (
        <ConfirmDialog
          title={t(asking ? 'twoFactorPolicy.onTitle' : 'twoFactorPolicy.offTitle', company)}
          message={t(asking ? 'twoFactorPolicy.onConfirm' : 'twoFactorPolicy.offConfirm', company)}
          confirmLabel={t(asking ? 'twoFactorPolicy.on' : 'twoFactorPolicy.off')}
          color={asking ? 'blue' : 'red'}
          loading={saving}
          onConfirm={() => void onConfirm(asking).finally(close)}
          onCancel={close}
        />
      )}
    </>
  );
}
