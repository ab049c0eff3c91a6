import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startModelServer } from './model-server';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

/**
 * Starts `./run-local --in-memory` on free ports (as scripts/smoke-run-local does), waits for its ready line and
 * hands its URL to the tests in E2E_BASE_URL; stops it with SIGTERM afterwards. Its output (the functions' logs) is
 * kept in frontend/test-results/local-cloud.log. With E2E_BASE_URL already set, the tests use that cloud instead.
 * The assistant gets a scripted OpenAI-compatible model (e2e/model-server.ts) through the template parameter
 * AssistantApiUrl; E2E_ASSISTANT_MODEL tells the assistant tests that it is there.
 */
export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.E2E_BASE_URL) return undefined;
  const [api, aws, airtable] = [await freePort(), await freePort(), await freePort()];
  const origin = `http://127.0.0.1:${api}`;
  const model = await startModelServer();
  const child: ChildProcess = spawn(resolve(repoRoot, 'run-local'), ['--in-memory', '--port', String(api),
    '--aws-port', String(aws), '--airtable-port', String(airtable), '--parameter', `FrontendOrigin=${origin}`,
    '--parameter', `AssistantApiUrl=${model.url}`],
  { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const frontendDir = resolve(repoRoot, 'frontend');
  mkdirSync(resolve(frontendDir, 'test-results'), { recursive: true });
  const file = createWriteStream(resolve(frontendDir, 'test-results', 'local-cloud.log'));
  child.stdout?.pipe(file);
  child.stderr?.pipe(file);
  let log = '';
  const ready = new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`./run-local printed no ready line in 300 s:\n${log}`)), 300_000);
    const onData = (chunk: Buffer) => {
      if (log.length > 200_000) return;
      log += chunk.toString();
      const line = log.split('\n').find((l) => l.includes('ready in'));
      if (line) {
        clearTimeout(timer);
        ok(line);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`./run-local exited early (${String(code)}):\n${log}`));
    });
  });
  const line = await ready;
  process.stdout.write(`e2e: ${line}\n`);
  process.env.E2E_BASE_URL = origin;
  process.env.E2E_ASSISTANT_MODEL = model.url;
  return async () => {
    await model.stop();
    child.kill('SIGTERM');
    await new Promise((ok) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        ok(undefined);
      }, 15_000);
      child.once('exit', () => {
        clearTimeout(timer);
        ok(undefined);
      });
    });
  };
}
