import { useParams } from 'react-router';
import { TicketDetail } from '../features/tickets/TicketDetail';

export default function TicketDetailPage() {
  const { id } = useParams();
  return id ? <TicketDetail id={id} /> : null;
}
