import { useSearchParams } from 'react-router';
import { MAIL_STATUS_CHOICES, MailDeliveryList, type MailStatusChoice } from '../../features/mail/MailDeliveryList';

/** `?status=SENT`; without it the failed ones, which are what a person has to act on. */
export function MailDeliveriesPage() {
  const [params, setParams] = useSearchParams();
  const asked = params.get('status') as MailStatusChoice | null;
  const status = asked && MAIL_STATUS_CHOICES.includes(asked) ? asked : 'FAILED';
  return <MailDeliveryList status={status} onStatus={(next) => setParams(next === 'FAILED' ? {} : { status: next })} />;
}
