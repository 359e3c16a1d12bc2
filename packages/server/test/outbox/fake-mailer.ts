import type { Mailer, OutgoingMail } from '../../src/infrastructure/mail/mailer';

/** A mailer that records what it is given; `behave` decides per mail whether it fails, hangs or succeeds. */
export class FakeMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  /** Called for every send; throw to fail it, return a promise to hold it. */
  behave: (mail: OutgoingMail) => void | Promise<void> = () => {};
  private waiters: Array<() => void> = [];

  async send(mail: OutgoingMail): Promise<void> {
    this.waiters.splice(0).forEach((wake) => wake());
    await this.behave(mail);
    this.sent.push(mail);
  }

  /** Resolves at the next call of send (already made calls do not count). */
  nextCall(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

/** A promise to settle by hand. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
