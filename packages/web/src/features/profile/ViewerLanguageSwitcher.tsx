import { notifications } from '@mantine/notifications';
import { useI18n } from '../../app/i18n/useI18n';
import { LanguageSwitcher } from '../../ui/LanguageSwitcher';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { useViewer } from '../auth/useViewer';
import { useUpdateViewer } from './useUpdateViewer';

/** The language switch; signed in, the choice is also saved to the account (emails, other browsers). */
export function ViewerLanguageSwitcher() {
  const { t } = useI18n();
  const message = useUserErrorMessage();
  const { viewer } = useViewer();
  const [update] = useUpdateViewer();

  async function save(language: string) {
    try {
      const { data } = await update({ variables: { input: { language } } });
      const e = data?.updateViewer.userErrors[0];
      if (e) notifications.show({ color: 'red', message: t('profile.languageNotSaved', { message: message(e) }) });
    } catch (err) {
      notifications.show({ color: 'red', message: t('profile.languageNotSaved', { message: (err as Error).message }) });
    }
  }

  return <LanguageSwitcher onChosen={viewer ? (language) => void save(language) : undefined} />;
}
