// kyc-sim trigger <provider> <scenario>: runs one whole flow against a running kyc-sim, like
// `stripe trigger`: creates the invite / verification as a consumer backend would, completes
// Phase 1 through the admin API, prints every webhook delivery attempt as it happens (moving
// a manual clock itself) and exits once the timeline is done and nothing is pending.
import { durationArg, parse, UsageError, type Command } from './args.js';
import { createClient, RequestError, type Client } from './client.js';
// The admin API's response shapes, shared with the inspector page that reads the same API.
import type { ClockView, Delivery, SessionDetail } from '../http/admin/api-types.js';

export const DEFAULT_URL = 'http://localhost:4010';
export const DEFAULT_FLOW_ID = '60b8fd58a87c30001b14dedd';

export const triggerUsage = `Usage: kyc-sim trigger <provider> <scenario> [options]

Runs one whole flow against a running kyc-sim: creates the VerifiMe invite (POST /v1/user/invite)
or the MetaMap verification (POST /oauth, POST /v2/verifications), completes Phase 1
(POST /__admin/sessions/:id/complete), prints each webhook delivery attempt as it happens and
exits 0 when every timeline step has fired and no delivery is pending. With a manual clock it
advances the clock itself. Register receivers first (POST /__admin/webhooks or *_WEBHOOK_URL).

  provider   verifime | metamap
  scenario   a scenario name (GET /__admin/scenarios), e.g. high, pep, review-negligence

Options:
  --url <url>              kyc-sim base URL (default: ${DEFAULT_URL})
  --timeout <duration>     give up (exit 1) after this long in real time (default: 10m)
  --code <code>            VerifiMe organisation code (default: KYCSIM)
  --email <email>          VerifiMe invite e-mail (default: trigger@example.com)
  --flow <id>              MetaMap flow id (default: ${DEFAULT_FLOW_ID})
  --client-id <id>         MetaMap client_id (default: kyc-sim-client)
  --client-secret <secret> MetaMap client_secret (default: kyc-sim-client-secret)
  --json                   one JSON object per line instead of text
`;

const PROVIDERS = ['verifime', 'metamap'] as const;
type ProviderId = (typeof PROVIDERS)[number];

const OPTIONS = {
  url: { type: 'string' },
  timeout: { type: 'string' },
  code: { type: 'string' },
  email: { type: 'string' },
  flow: { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const trigger: Command = async (argv, io) => {
  const { values, positionals } = parse(argv, OPTIONS, 2);
  if (values.help) {
    io.out(triggerUsage);
    return 0;
  }
  const [provider, scenario] = positionals;
  if (provider === undefined || scenario === undefined) throw new UsageError('trigger needs a provider and a scenario, e.g. kyc-sim trigger verifime high');
  if (!(PROVIDERS as readonly string[]).includes(provider)) throw new UsageError(`unknown provider "${provider}"; valid providers: ${PROVIDERS.join(', ')}`);
  const str = (name: keyof typeof OPTIONS, fallback: string) => (typeof values[name] === 'string' ? (values[name] as string) : fallback);
  const timeoutMs = durationArg('timeout', str('timeout', '10m'));
  const json = values.json === true;
  const client = createClient(str('url', DEFAULT_URL));
  const say = (text: string, record: Record<string, unknown>) => io.out(json ? `${JSON.stringify(record)}\n` : `${text}\n`);

  try {
    const health = await client.request<{ clock: ClockView; ready?: boolean }>('GET', '/__admin/health');
    const manual = health.clock.mode === 'manual';
    const catalogue = await client.request<{ scenarios: { name: string }[] }>('GET', `/__admin/scenarios?provider=${provider}`);
    const names = catalogue.scenarios.map((s) => s.name);
    if (!names.includes(scenario)) {
      io.err(`kyc-sim trigger: unknown ${provider} scenario "${scenario}"; valid scenarios: ${names.join(', ')}\n`);
      return 1;
    }
    const hooks = await client.request<{ webhooks: unknown[] }>('GET', `/__admin/webhooks?provider=${provider}`);
    say(`kyc-sim trigger: ${provider} "${scenario}" against ${client.baseUrl} (${health.clock.mode} clock)`, {
      type: 'start',
      provider,
      scenario,
      url: client.baseUrl,
      clock: health.clock.mode,
      endpoints: hooks.webhooks.length,
    });
    if (hooks.webhooks.length === 0) {
      io.err(
        `kyc-sim trigger: note: no ${provider} webhook endpoint is registered, so events are recorded only ` +
          `(register one with POST /__admin/webhooks or ${provider.toUpperCase()}_WEBHOOK_URL)\n`,
      );
    }

    const id = await create(client, provider as ProviderId, scenario, str);
    say(`created ${provider === 'verifime' ? 'tracking reference' : 'verification'} ${id}`, { type: 'created', provider, id });

    try {
      await client.request('POST', `/__admin/sessions/${encodeURIComponent(id)}/complete`, { body: { scenario } });
      say(`completed Phase 1; Phase 2 runs scenario "${scenario}"`, { type: 'completed', id, scenario });
    } catch (error) {
      // A MetaMap customer who abandons never completes: the verification expires instead.
      if (!(error instanceof RequestError) || error.status !== 422 || provider !== 'metamap') throw error;
      say(`the customer abandons (scenario "${scenario}"); waiting for verification_expired`, { type: 'abandoned', id, scenario });
    }

    const started = performance.now();
    const seen = new Set<string>();
    let detail: SessionDetail;
    for (;;) {
      detail = await client.request<SessionDetail>('GET', `/__admin/sessions/${encodeURIComponent(id)}`);
      report(detail, seen, say);
      if (isDone(detail)) break;
      if (performance.now() - started > timeoutMs) {
        const next = detail.timeline.find((e) => e.state === 'scheduled');
        io.err(
          `kyc-sim trigger: not done after ${Math.round(timeoutMs / 1000)}s: phase ${detail.phase}, ` +
            `${detail.timeline.filter((e) => e.state === 'scheduled').length} steps scheduled${next ? ` (next ${next.event} due ${next.dueAt})` : ''}, ` +
            `${detail.pendingDeliveries} deliveries pending\n`,
        );
        return 1;
      }
      if (manual) {
        const clock = await client.request<ClockView>('GET', '/__admin/clock');
        if (clock.nextDueAt === null) {
          io.err(`kyc-sim trigger: nothing is scheduled on the clock but session ${id} is ${detail.phase}; it cannot finish\n`);
          return 1;
        }
        const by = Math.max(1, Date.parse(clock.nextDueAt) - Date.parse(clock.now));
        await client.request('POST', '/__admin/clock/advance', { body: { by: `${by}ms` } });
      } else {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }

    const states = new Map<string, number>();
    for (const d of detail.deliveries) states.set(d.state, (states.get(d.state) ?? 0) + 1);
    const stateText = [...states].map(([state, n]) => `${n} ${state}`).join(', ') || 'none';
    say(
      `done: session ${detail.phase}, ${detail.timeline.length} timeline steps, ${detail.deliveries.length} deliveries (${stateText}) in ${((performance.now() - started) / 1000).toFixed(1)}s`,
      { type: 'done', id, phase: detail.phase, steps: detail.timeline.length, deliveries: Object.fromEntries(states) },
    );
    return 0;
  } catch (error) {
    if (error instanceof RequestError) {
      io.err(`kyc-sim trigger: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
};

async function create(client: Client, provider: ProviderId, scenario: string, str: (name: keyof typeof OPTIONS, fallback: string) => string): Promise<string> {
  if (provider === 'verifime') {
    const invite = await client.request<{ trackingReference: string }>('POST', '/v1/user/invite', {
      body: { email: str('email', 'trigger@example.com'), code: str('code', 'KYCSIM'), referenceData: `kyc-sim trigger ${scenario}` },
    });
    return invite.trackingReference;
  }
  const basic = Buffer.from(`${str('client-id', 'kyc-sim-client')}:${str('client-secret', 'kyc-sim-client-secret')}`).toString('base64');
  const token = await client.request<{ access_token: string }>('POST', '/oauth', {
    form: { grant_type: 'client_credentials' },
    headers: { authorization: `Basic ${basic}` },
  });
  const verification = await client.request<{ id: string }>('POST', '/v2/verifications', {
    body: { flowId: str('flow', DEFAULT_FLOW_ID), metadata: { source: 'kyc-sim trigger', scenario } },
    headers: { authorization: `Bearer ${token.access_token}` },
  });
  return verification.id;
}

/** Every timeline step has fired (or was suppressed / cancelled) and no delivery is pending. */
function isDone(detail: SessionDetail): boolean {
  return (
    (detail.phase === 'finished' || detail.phase === 'expired') &&
    detail.timeline.every((e) => e.state !== 'scheduled') &&
    detail.pendingDeliveries === 0 &&
    detail.deliveries.every((d) => d.state !== 'pending')
  );
}

/** Prints what happened since the last look: delivery attempts, and steps that sent nothing. */
function report(detail: SessionDetail, seen: Set<string>, say: (text: string, record: Record<string, unknown>) => void): void {
  const lines: { at: string; order: number; text: string; record: Record<string, unknown> }[] = [];
  const eventsWithDeliveries = new Set(detail.deliveries.map((d) => d.eventId));
  for (const entry of detail.timeline) {
    const key = `step:${entry.index}`;
    if (entry.state === 'scheduled' || seen.has(key)) continue;
    if (entry.state === 'fired' && entry.webhookEventId !== null && eventsWithDeliveries.has(entry.webhookEventId)) continue;
    if (entry.state === 'fired' && entry.webhookEventId === null) continue; // still being published
    seen.add(key);
    const why = entry.state === 'fired' ? 'recorded only: no webhook endpoint registered' : `${entry.state}${entry.note ? `: ${entry.note}` : ''}`;
    lines.push({
      at: entry.firedAt ?? entry.dueAt,
      order: 0,
      text: `${clockText(entry.firedAt ?? entry.dueAt)}  ${entry.event}  (${why})`,
      record: { type: 'step', index: entry.index, event: entry.event, state: entry.state, at: entry.firedAt, note: entry.note },
    });
  }
  for (const delivery of detail.deliveries) {
    for (const attempt of delivery.attempts) {
      const key = `attempt:${delivery.id}:${attempt.number}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const answer = attempt.status !== null ? `HTTP ${attempt.status}` : (attempt.error ?? 'no answer');
      const next = attempt.nextAttemptAt ? `, next attempt ${clockText(attempt.nextAttemptAt)}` : '';
      const reason = attempt.reason && attempt.outcome !== 'retry' ? ` (${attempt.reason})` : '';
      lines.push({
        at: attempt.at,
        order: 1,
        text: `${clockText(attempt.at)}  ${delivery.eventName}  → ${delivery.url}  #${attempt.number} ${answer} in ${attempt.latencyMs} ms: ${attempt.outcome}${reason}${next}`,
        record: {
          type: 'attempt',
          event: delivery.eventName,
          delivery: delivery.id,
          url: delivery.url,
          attempt: attempt.number,
          at: attempt.at,
          status: attempt.status,
          error: attempt.error,
          latencyMs: attempt.latencyMs,
          outcome: attempt.outcome,
          nextAttemptAt: attempt.nextAttemptAt,
        },
      });
    }
  }
  lines.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.order - b.order);
  for (const line of lines) say(line.text, line.record);
}

/** Simulated time as HH:MM:SS (UTC), the part that changes within one flow. */
function clockText(iso: string): string {
  return iso.slice(11, 19);
}

