import { EventEmitter } from 'node:events';

import { Message, MessageType, type MessageBus } from '@jellybrick/dbus-next';

/** How the scripted bus answers one call: a reply body, a D-Bus error, or never (a call that hangs). */
export type ScriptedAnswer =
  | { readonly body: unknown[]; readonly signature: string; readonly andThen?: () => void }
  | { readonly error: string; readonly andThen?: () => void }
  | 'never';

/**
 * A stand-in for the library's MessageBus that a test scripts message by message, so orderings a real daemon
 * produces only by chance (a reply and a signal in one socket chunk) happen every time. Like the library, a
 * reply settles its call's promise and a signal is emitted as `message` in the same synchronous step.
 */
export class ScriptedMessageBus extends EventEmitter {
  public readonly calls: Message[] = [];
  public readonly sent: Message[] = [];
  public disconnected = false;
  private readonly pending = new Map<number, { resolve: (m: Message) => void; reject: (e: Error) => void; message: Message }>();
  private serial = 1;

  /** Answers each call by member; default: an empty reply. */
  public constructor(private readonly answer: (message: Message) => ScriptedAnswer = () => ({ body: [], signature: '' })) {
    super();
  }

  /** Says hello (the library emits `connect` once its Hello is answered). */
  public open(): void {
    this.emit('connect');
  }

  public addMethodHandler(): void {
    // Served calls are not scripted here.
  }

  public call(message: Message): Promise<Message | null> {
    const serial = this.serial++;
    this.calls.push(message);
    return new Promise<Message>((resolve, reject) => {
      this.pending.set(serial, { resolve, reject, message });
      const answer = this.answer(message);
      if (answer === 'never') return;
      this.settle(serial, answer);
      // What came next in the same chunk, before any continuation of this call runs.
      answer.andThen?.();
    });
  }

  public send(message: Message): void {
    this.sent.push(message);
  }

  public disconnect(): void {
    this.disconnected = true;
  }

  /** Delivers a NameOwnerChanged from the bus daemon. */
  public nameOwnerChanged(name: string, oldOwner: string, newOwner: string): void {
    this.emit(
      'message',
      new Message({
        type: MessageType.SIGNAL,
        sender: 'org.freedesktop.DBus',
        path: '/org/freedesktop/DBus',
        interface: 'org.freedesktop.DBus',
        member: 'NameOwnerChanged',
        signature: 'sss',
        body: [name, oldOwner, newOwner],
      }),
    );
  }

  /** The calls made so far with this member. */
  public callsTo(member: string): Message[] {
    return this.calls.filter((m) => m.member === member);
  }

  private settle(serial: number, answer: Exclude<ScriptedAnswer, 'never'>): void {
    const entry = this.pending.get(serial);
    if (!entry) return;
    this.pending.delete(serial);
    if ('error' in answer) entry.reject(new Error(answer.error));
    else entry.resolve(new Message({ type: MessageType.METHOD_RETURN, replySerial: serial, signature: answer.signature, body: answer.body }));
  }
}

/** The scripted bus where the adapter expects the library's. */
export const asMessageBus = (bus: ScriptedMessageBus): MessageBus => bus as unknown as MessageBus;
