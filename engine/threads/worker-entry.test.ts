import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { resultOf } from '../vm/async-session';
import { deploy, LIMIT, newVm } from '../../tests/scenarios/support';
import { decode, t } from '../rkyv';
import { sessionWorkerEntry } from './worker-entry';
import { WorkerSession } from './worker-session';

test('running from the sources, session threads start from the bundle the tests made, when named', () => {
  const bundled = process.env.PIECRUST_SESSION_WORKER;
  // tests/session-worker-setup.mjs names it for every run of the suite.
  expect(bundled).toMatch(/session-worker\.mjs$/);
  expect(sessionWorkerEntry().href).toBe(pathToFileURL(bundled!).href);
  delete process.env.PIECRUST_SESSION_WORKER;
  try {
    expect(sessionWorkerEntry().href).toBe(
      new URL('./session-worker-dev.mjs', import.meta.url).href,
    );
  } finally {
    process.env.PIECRUST_SESSION_WORKER = bundled;
  }
});

test('the tsx bootstrap still hosts a session: it reads the base and calls', async () => {
  const vm = await newVm();
  const g = vm.session();
  const counter = deploy(g, 'counter');
  const base = await g.commit();
  const entry = new URL('./session-worker-dev.mjs', import.meta.url);
  const s = await WorkerSession.open(vm, { base, entry });
  const receipt = resultOf(await s.call(counter, 'read_value', new Uint8Array(0), LIMIT));
  expect(decode(t.i64, receipt.data)).toBe(252n);
  await s.close();
  expect(vm.holders(base)).toBe(0);
});
