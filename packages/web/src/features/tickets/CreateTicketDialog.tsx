import { useMutation } from '@apollo/client/react';
import { Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { FormActions } from '../../ui/FormActions';
import { FormError } from '../../ui/FormError';
import { nameProblem } from '../../ui/nameProblem';
import { errorsByField } from '../../ui/userErrors';
import { CompanyPicker } from '../companies/CompanyPicker';
import { ticketNumber } from './ticketNumber';

const CreateTicketMutation = graphql(`
  mutation CreateTicketDialogMutation($input: CreateTicketInput!) {
    createTicket(input: $input) {
      ticket {
        id
        number
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export function CreateTicketDialog({
  defaultCompanyId,
  opened,
  onClose,
  onCreated,
}: {
  /** Preselected: the only company the viewer sees. */
  defaultCompanyId: string | null;
  opened: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useI18n();
  const [companyId, setCompanyId] = useState<string | null>(defaultCompanyId);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [create, { loading }] = useMutation(CreateTicketMutation, { refetchQueries: ['TicketListQuery'] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (!companyId) next.companyId = t('common.required');
    const titleProblem = nameProblem(title, t);
    if (titleProblem) next.title = titleProblem;
    setErrors(next);
    if (Object.keys(next).length) return;
    try {
      const { data } = await create({
        variables: { input: { companyId: companyId!, title: title.trim(), description: description.trim() || null } },
      });
      const userErrors = data?.createTicket.userErrors ?? [];
      if (userErrors.length) {
        const mapped: Record<string, string> = {};
        for (const [field, e] of errorsByField(userErrors))
          mapped[field && ['companyId', 'title', 'description'].includes(field) ? field : 'form'] = e.message;
        setErrors(mapped);
        return;
      }
      notifications.show({
        color: 'green',
        message: t('tickets.createdToast', { number: ticketNumber(data!.createTicket.ticket!.number) }),
      });
      setTitle('');
      setDescription('');
      onCreated(data!.createTicket.ticket!.id);
    } catch (e) {
      setErrors({ form: t('common.error', { message: (e as Error).message }) });
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('tickets.new')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={errors.form} />
          <CompanyPicker
            label={t('common.company')}
            required
            value={companyId}
            onChange={setCompanyId}
            error={errors.companyId}
            forNewTicket
          />
          <TextInput
            label={t('tickets.titleField')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
            data-autofocus
          />
          <Textarea
            label={t('tickets.description')}
            autosize
            minRows={4}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
          />
          <FormActions submitLabel={t('tickets.create')} loading={loading} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
