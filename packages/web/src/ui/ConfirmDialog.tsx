import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useI18n } from '../app/i18n/useI18n';

/** Asks before an action that is hard to take back; Cancel has the focus, so Enter does no harm. */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  color = 'red',
  loading = false,
  onConfirm,
  onCancel,
}: {
  title: string;
  message: string;
  confirmLabel: string;
  color?: string;
  loading?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <Modal opened onClose={onCancel} title={title}>
      <Stack>
        <Text>{message}</Text>
        <Group justify="flex-end" className="form-actions">
          <Button variant="default" onClick={onCancel} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color={color} loading={loading} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
