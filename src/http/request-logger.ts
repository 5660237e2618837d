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

class LazyRequestLogger {
  #child: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildOptions,
  ) {}

  private get logger(): FastifyBaseLogger {
    this.#child ??= this.parent.child(this.bindings, this.options);
    return this.#child;
  }

  get level(): string {
    return this.#child?.level ?? this.options.level ?? this.parent.level;
  }

  set level(level: string) {
    this.logger.level = level;
  }

  fatal(...args: unknown[]): void {
    (this.logger.fatal as LogCall)(...args);
  }

  error(...args: unknown[]): void {
    (this.logger.error as LogCall)(...args);
  }

  warn(...args: unknown[]): void {
    (this.logger.warn as LogCall)(...args);
  }

  info(...args: unknown[]): void {
    (this.logger.info as LogCall)(...args);
  }

  debug(...args: unknown[]): void {
    (this.logger.debug as LogCall)(...args);
  }

  trace(...args: unknown[]): void {
    (this.logger.trace as LogCall)(...args);
  }

  silent(...args: unknown[]): void {
    (this.logger.silent as LogCall)(...args);
  }

  child(bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return this.logger.child(bindings, options);
  }
}

/** fastify's `childLoggerFactory`: request.log as a child made on first use. */
export function lazyRequestLogger(logger: FastifyBaseLogger, bindings: Bindings, options: ChildOptions): FastifyBaseLogger {
  return new LazyRequestLogger(logger, bindings, options) as unknown as FastifyBaseLogger;
}
