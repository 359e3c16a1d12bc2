import { MantineProvider } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMemo, type ReactNode } from 'react';
import { useI18n } from './i18n/useI18n';
import { appTheme, cssVariablesResolver, PHONE_QUERY } from './theme';

/** Mantine with the app's theme, which follows the language (dialog close labels) and the screen (full-screen dialogs). */
export function AppMantineProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const phone = useMediaQuery(PHONE_QUERY, false, { getInitialValueInEffect: false });
  const closeLabel = t('common.close');
  const theme = useMemo(() => appTheme({ closeLabel, phone }), [closeLabel, phone]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      {children}
    </MantineProvider>
  );
}
