import { notifications } from '@mantine/notifications';
import { useRef } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { LanguageSwitcher } from '../../ui/LanguageSwitcher';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { useViewer } from '../auth/useViewer';
import { useUpdateViewer } from './useUpdateViewer';

/** The language switch; signed in, the choice is also saved to the account (emails, other browsers). */
export function ViewerLanguageSwitcher() {
  const i18n = { t: useI18n().t, message: useUserErrorMessage() };
  // the answer arrives after the switch: say it in the language just chosen
  const latest = useRef(i18n);
  latest.current = i18n;
  const { viewer } = useViewer();
  const [update] = useUpdateViewer();

  async function save(language: string) {
    let problem: string | null;
    try {
      const { data } = await update({ variables: { input: { language } } });
      const e = data?.updateViewer.userErrors[0];
      problem = e ? latest.current.message(e) : null;
    } catch (err) {
      problem = (err as Error).message;
    }
    if (problem) notifications.show({ color: 'red', message: latest.current.t('profile.languageNotSaved', { message: problem }) });
  }

  return <LanguageSwitcher onChosen={viewer ? (language) => void save(language) : undefined} />;
}
