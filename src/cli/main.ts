#!/usr/bin/env node
// kyc-sim command line: one module per command, loaded on demand so `healthcheck` (Docker
// HEALTHCHECK, every few seconds) does not load the server.
import { SETTINGS } from '../core/settings.js';
import { VERSION } from '../version.js';
import { processIo, UsageError, type Command, type Io } from './args.js';

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ command: Command; usage: () => string }> }> = {
  serve: {
    summary: 'start the simulator (the default command); options mirror the environment variables',
    load: async () => {
      const m = await import('./serve.js');
      return { command: m.serve, usage: m.serveUsage };
    },
  },
  validate: {
    summary: 'check scenario files: validate [dir]; exit 1 with file / path / valid choices',
    load: async () => {
      const m = await import('./validate.js');
      return { command: m.validate, usage: () => m.validateUsage };
    },
  },
  trigger: {
    summary: 'run a whole flow against a running kyc-sim: trigger <verifime|metamap> <scenario>',
    load: async () => {
      const m = await import('./trigger.js');
      return { command: m.trigger, usage: () => m.triggerUsage };
    },
  },
  'check-webhook': {
    summary: 'test your webhook endpoint against the provider rules: check-webhook --provider <id> --url <url> --secret <s>',
    load: async () => {
      const m = await import('./check-webhook.js');
      return { command: m.checkWebhookCommand, usage: () => m.checkWebhookUsage };
    },
  },
  healthcheck: {
    summary: 'exit 0 when GET /__admin/health on 127.0.0.1:$PORT says ready (no curl needed)',
    load: async () => {
      const m = await import('./healthcheck.js');
      return { command: m.healthcheck, usage: () => m.healthcheckUsage };
    },
  },
  'wait-ready': {
    summary: 'wait until kyc-sim is ready: wait-ready [--url <url>] [--timeout 30s]',
    load: async () => {
      const m = await import('./wait-ready.js');
      return { command: m.waitReady, usage: () => m.waitReadyUsage };
    },
  },
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length)) + 2;
  return `kyc-sim ${VERSION}: local simulator of the VerifiMe and MetaMap KYC APIs and webhooks

Usage: kyc-sim [command] [options]      (kyc-sim <command> --help for its options)

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`)
  .join('\n')}

Environment (serve; each has an option, e.g. PHASE2_DELAY = --phase2-delay):
${SETTINGS.map((s) => `  ${s.name.padEnd(26)} ${s.description}\n  ${''.padEnd(26)} default: ${s.default}`).join('\n')}
`;
}

async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const first = argv[0];
  if (first === '--help' || first === '-h' || first === 'help') {
    io.out(help());
    return 0;
  }
  if (first === '--version' || first === '-v' || first === 'version') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  // No command, or options only: serve (`kyc-sim --port 5000` works like `kyc-sim serve --port 5000`).
  const name = first === undefined || first.startsWith('-') ? 'serve' : first;
  const entry = COMMANDS[name];
  if (!entry) {
    io.err(`kyc-sim: unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')} (kyc-sim --help)\n`);
    return 2;
  }
  const { command, usage } = await entry.load();
  try {
    return await command(name === first ? argv.slice(1) : argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`kyc-sim ${name}: ${error.message}\n\n${usage()}`);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`kyc-sim: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
