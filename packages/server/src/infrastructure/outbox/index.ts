export { enqueueMail, enqueueMails, newOutboxMessageId, retryFailedMail } from './enqueue-mail';
export type { OutboxMailInput } from './enqueue-mail';
export { OutboxMessageEntity } from './outbox-message.entity';
export type { OutboxMailKind, OutboxStatus } from './outbox-message.entity';
export { defaultOutboxBackoff, OutboxWorker } from './outbox-worker';
export type { OutboxWorkerOptions } from './outbox-worker';
export { OutboxEngine } from './outbox-engine';
export type { OutboxChannel, OutboxEngineOptions, OutboxRow, RecordedOutcome, SendResult } from './outbox-engine';
export { execute, insertOutboxRows, isSqlite, placeholders, sqlTime, valuesList } from './outbox-sql';
