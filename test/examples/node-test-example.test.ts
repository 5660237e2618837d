// Runs the node:test README example with node's own runner, the way a consumer would.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';

t.test('the node:test example passes under node --test', async (t) => {
  const file = fileURLToPath(new URL('./node-test-example.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--conditions=kyc-sim-source', '--test', '--test-reporter=tap', file], {
    timeout: 60_000,
  });
  t.match(stdout, /# pass 1/);
  t.match(stdout, /# fail 0/);
});
