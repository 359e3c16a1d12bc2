export { enqueueMail, enqueueMails, newOutboxMessageId, retryFailedMail } from './enqueue-mail';
export type { OutboxMailInput } from './enqueue-mail';
export { OutboxMessageEntity } from './outbox-message.entity';
export type { OutboxMailKind, OutboxStatus } from './outbox-message.entity';
export { defaultOutboxBackoff, OutboxWorker } from './outbox-worker';
export type { OutboxWorkerOptions } from './outbox-worker';
