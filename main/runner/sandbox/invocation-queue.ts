import type { InvokeMessage, ReplyMessage } from '../protocol';
import { BundleScripts } from './bundle-scripts';
import { ForgeInvocation, type MessageSink } from './forge-invocation';
import { ContextSupply } from './fresh-context';
import { memoryInUse } from './memory-gauge';

/**
 * Runs invocations one at a time, in the order the host sent them, and routes each reply to the
 * invocation that made the call. Replies for an invocation that has ended are dropped. Whenever it
 * falls idle it builds the next invocation's context ahead, so an invocation that arrives later
 * starts at once; each context still serves exactly one invocation.
 */
export class InvocationQueue {
  private readonly waiting: InvokeMessage[] = [];
  private readonly scripts = new BundleScripts();
  private readonly contexts = new ContextSupply();
  private current: ForgeInvocation | null = null;
  private preparing = false;
  private lastCallId = 0;

  constructor(private readonly sink: MessageSink) {
    setImmediate(() => this.prepareIfIdle());
  }

  /** Takes one message from the host; anything that is not a well-formed invoke or reply is ignored. */
  receive(message: unknown): void {
    if (isRecord(message) && message.type === 'ping' && typeof message.id === 'number') {
      // Answered from the event loop: a child stuck in code no invocation watches cannot answer.
      this.sink.send({ type: 'pong', id: message.id });
      return;
    }
    if (isReply(message)) {
      this.current?.reply(message);
      return;
    }
    if (!isRecord(message) || message.type !== 'invoke') return;
    if (isInvoke(message)) {
      this.waiting.push(message);
      this.next();
    } else if (typeof message.invocationId === 'string') {
      this.sink.send({
        type: 'done',
        invocationId: message.invocationId,
        ok: false,
        error: { name: 'Error', message: 'The runner received a malformed invoke message', stack: null },
        memoryBytes: memoryInUse(),
      });
    }
  }

  /** An unhandled rejection reported by Node belongs to the invocation that is running (only one ever runs). */
  unhandledRejection(reason: unknown): void {
    this.current?.failUnhandledRejection(reason);
  }

  private next(): void {
    if (this.current) return;
    const invoke = this.waiting.shift();
    if (!invoke) return;
    const invocation = new ForgeInvocation(invoke, this.sink, this.scripts, this.contexts, () => ++this.lastCallId);
    this.current = invocation;
    void invocation.run().then(() => {
      // The next invocation starts in a later turn of the event loop, after Node has reported the
      // unhandled rejections of this one, so none is blamed on the wrong invocation.
      setImmediate(() => {
        this.current = null;
        this.next();
        this.prepareIfIdle();
      });
    });
  }

  // Only between invocations, a step per turn of the event loop: making a context runs no app
  // code, but takes the child's one thread, and an invoke that arrives should wait for one step at most.
  private prepareIfIdle(): void {
    if (this.preparing) return;
    this.preparing = true;
    const step = () => {
      if (this.current === null && this.waiting.length === 0 && this.contexts.prepareStep()) setImmediate(step);
      else this.preparing = false;
    };
    step();
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isInvoke(value: Record<string, unknown>): value is InvokeMessage & Record<string, unknown> {
  const strings = ['invocationId', 'bundlePath', 'exportName', 'payloadJson', 'contextJson', 'appContextJson', 'externalAuthJson'];
  return (
    value.type === 'invoke' &&
    strings.every((key) => typeof value[key] === 'string') &&
    typeof value.timeoutMs === 'number' &&
    value.timeoutMs > 0 &&
    typeof value.memoryMB === 'number' &&
    value.memoryMB > 0 &&
    isRecord(value.env) &&
    Object.values(value.env).every((v) => typeof v === 'string')
  );
}

function isReply(value: unknown): value is ReplyMessage {
  return isRecord(value) && value.type === 'reply' && typeof value.callId === 'number' && typeof value.status === 'number' && typeof value.body === 'string' && isRecord(value.headers);
}
