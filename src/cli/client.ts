// A tiny JSON client for the commands that talk to a running kyc-sim (trigger, healthcheck,
// wait-ready). Errors say what was asked and what came back.
export class RequestError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

export interface Client {
  readonly baseUrl: string;
  request<T = any>(method: string, path: string, options?: { body?: unknown; form?: Record<string, string>; headers?: Record<string, string> }): Promise<T>;
}

export function createClient(baseUrl: string, timeoutMs = 15_000): Client {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    baseUrl: base,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
      let body: string | undefined;
      if (options.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams(options.form).toString();
      } else if (options.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(options.body);
      }
      let response: Response;
      try {
        response = await fetch(base + path, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        throw new RequestError(`cannot reach kyc-sim at ${base} (${describe(error)}); is it running? (kyc-sim serve, or pass --url)`, null);
      }
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text === '' ? null : JSON.parse(text);
      } catch {
        // not JSON: keep the text for the message
      }
      if (!response.ok) {
        const detail = (parsed as { detail?: string; message?: string } | null)?.detail ?? (parsed as { message?: string } | null)?.message ?? text.slice(0, 300);
        throw new RequestError(`${method} ${path} answered ${response.status}: ${detail}`, response.status, parsed);
      }
      return parsed as never;
    },
  };
}

function describe(error: unknown): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return 'no answer in time';
  return err.cause?.code ?? err.cause?.message ?? err.message ?? String(error);
}
