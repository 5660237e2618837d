// request.log without a pino child per request. fastify gives every request a child logger
// bound to its reqId; pino builds a child eagerly (bindings serialised, prototype chain, level
// methods), which is ~1.5 µs and a few hundred bytes of garbage on every API call, while
// kyc-sim logs from a request only when something goes wrong (request lines are off below
// debug). The stand-in below makes that same child on its first log call, so any line a
// request does write still carries its reqId.
import type { FastifyBaseLogger } from 'fastify';

type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildOptions = NonNullable<Parameters<FastifyBaseLogger['child']>[1]>;
type LogCall = (...args: unknown[]) => void;
const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// The log methods, one per level, are put on the prototype below.
interface LazyRequestLogger extends Record<(typeof LEVELS)[number], LogCall> {}

class LazyRequestLogger {
  #child: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildOptions,
  ) {}

  /** The pino child, made on first use. */
  get logger(): FastifyBaseLogger {
    this.#child ??= this.parent.child(this.bindings, this.options);
    return this.#child;
  }

  get level(): string {
    return this.#child?.level ?? this.options.level ?? this.parent.level;
  }

  set level(level: string) {
    this.logger.level = level;
  }

  child(bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return this.logger.child(bindings, options);
  }
}

for (const level of LEVELS) {
  LazyRequestLogger.prototype[level] = function (this: LazyRequestLogger, ...args: unknown[]) {
    (this.logger[level] as LogCall)(...args);
  };
}

/** fastify's `childLoggerFactory`: request.log as a child made on first use. */
export function lazyRequestLogger(logger: FastifyBaseLogger, bindings: Bindings, options: ChildOptions): FastifyBaseLogger {
  return new LazyRequestLogger(logger, bindings, options) as unknown as FastifyBaseLogger;
}
