import { Stack } from '@mantine/core';
import { useParams } from 'react-router';
import { TicketConversation } from '../features/conversation/TicketConversation';
import { TicketDetail } from '../features/tickets/TicketDetail';

export default function TicketDetailPage() {
  const { id } = useParams();
  if (!id) return null;
  return (
    <Stack gap="xl">
      <TicketDetail id={id} />
      <TicketConversation ticketId={id} />
    </Stack>
  );
}
