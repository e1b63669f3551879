/**
 * Issue 9, item 11: every request's params are checked against the method's declared types
 * before the service sees them, over a real socket to the real server. A missing session used
 * to reach the service as `undefined` ("no open session \"undefined\"").
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { InspectorService } from '../../engine/api/service';
import { API_METHODS } from '../../engine/api/types';
import { serve, type RunningServer } from '../../engine/server/http-server';

let service: InspectorService;
let server: RunningServer;
let ws: WebSocket;
let nextId = 1;

type Reply = { result?: unknown; error?: { code: string; message: string } };

function call(method: string, params: unknown): Promise<Reply> {
  const id = nextId++;
  return new Promise((resolve) => {
    const listener = (data: WebSocket.RawData): void => {
      const reply = JSON.parse(data.toString()) as Reply & { id?: number };
      if (reply.id !== id) return;
      ws.off('message', listener);
      resolve(reply);
    };
    ws.on('message', listener);
    ws.send(JSON.stringify({ id, method, params }));
  });
}

beforeAll(async () => {
  service = await InspectorService.create({ sessionMode: 'local' });
  server = await serve(service);
  ws = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`);
  await new Promise((resolve) => ws.once('open', resolve));
});

afterAll(async () => {
  ws.close();
  await server.close();
  await service.close();
});

describe('params are checked against the declared types', () => {
  test('a missing or mistyped field is named, with what was expected and what came', async () => {
    expect((await call('closeSession', {})).error).toEqual({
      code: 'InvalidInput',
      message:
        'invalid params for closeSession: `session` must be a string, got nothing (it is required)',
      details: {
        method: 'closeSession',
        field: 'session',
        expected: 'a string',
        got: 'nothing (it is required)',
      },
    });
    expect((await call('interrupt', { session: 7 })).error?.message).toBe(
      'invalid params for interrupt: `session` must be a string, got 7',
    );
    expect(
      (await call('readMemory', { session: 's1', contract: 'c', offset: -1, length: 1 })).error
        ?.message,
    ).toBe(
      'invalid params for readMemory: `offset` must be a whole number in 0..9007199254740991, got -1',
    );
    expect((await call('stepDetail', { commit: 'ab', call: 1.5, step: 0 })).error?.message).toBe(
      'invalid params for stepDetail: `call` must be a whole number in 0..9007199254740991, got 1.5',
    );
  });

  test("a journal piece's bounds are call indexes and `steps` a boolean (issue 14)", async () => {
    for (const to of [-1, 1.5, '3', 2 ** 55]) {
      expect((await call('journal', { session: 's1', to })).error?.message).toBe(
        `invalid params for journal: \`to\` must be a whole number in 0..9007199254740991, got ${JSON.stringify(to)}`,
      );
    }
    expect((await call('journal', { commit: 'ab', steps: 'no' })).error?.message).toBe(
      'invalid params for journal: `steps` must be true or false, got "no"',
    );
  });

  test("a step detail's `rows` are checked field by field: sizes within a page, counts whole (issue 14)", async () => {
    const rows = { pages: 4, rowBytes: 16, context: 1, maxRows: 32 };
    const refused = async (bad: Record<string, unknown>) =>
      (await call('stepDetail', { session: 's1', call: 1, step: 0, rows: { ...rows, ...bad } }))
        .error?.message;
    const max = Number.MAX_SAFE_INTEGER;
    expect(await refused({ rowBytes: 0 })).toBe(
      'invalid params for stepDetail: `rows.rowBytes` must be a whole number in 1..65536, got 0',
    );
    expect(await refused({ rowBytes: 65537 })).toBe(
      'invalid params for stepDetail: `rows.rowBytes` must be a whole number in 1..65536, got 65537',
    );
    expect(await refused({ context: -1 })).toBe(
      `invalid params for stepDetail: \`rows.context\` must be a whole number in 0..${max}, got -1`,
    );
    expect(await refused({ maxRows: 1.5 })).toBe(
      `invalid params for stepDetail: \`rows.maxRows\` must be a whole number in 0..${max}, got 1.5`,
    );
    expect(await refused({ pages: '4' })).toBe(
      `invalid params for stepDetail: \`rows.pages\` must be a whole number in 0..${max}, got "4"`,
    );
    expect(await refused({ focus: { contract: 'c', page: -1 } })).toBe(
      `invalid params for stepDetail: \`rows.focus.page\` must be a whole number in 0..${max}, got -1`,
    );
    expect(await refused({ focus: 'c' })).toContain('`rows.focus` must be an object');
    expect(await refused({ bogus: 1 })).toContain('`rows.bogus` must be absent');
    expect(await refused({ maxRows: undefined })).toContain('`rows.maxRows` must be');
    // Well-formed, it reaches the service (a huge context is answered: suite-step-rows.ts).
    expect(await refused({ context: max, maxRows: max })).toBe('no open session "s1"');
  });

  test('nested forms: the one meant is checked, or the forms are listed', async () => {
    const wrongKind = await call('deploy', { session: 's1', source: { kind: 'url', url: 'x' } });
    expect(wrongKind.error?.message).toBe(
      'invalid params for deploy: `source` must be an object { kind, name } or an object { kind, path } or an object { kind, hex, name? }, got an object { kind, url }',
    );
    const badPath = await call('deploy', { session: 's1', source: { kind: 'file', path: 3 } });
    expect(badPath.error?.message).toBe(
      'invalid params for deploy: `source.path` must be a string, got 3',
    );
    const both = await call('diff', {
      from: { session: 's1', commit: 'ab' },
      to: { commit: 'ab' },
    });
    expect(both.error?.message).toContain('`from.commit` must be absent');
    expect(
      (
        await call('pageAtStep', {
          session: 's1',
          point: { call: 0, step: -2 },
          contract: 'c',
          page: 0,
        })
      ).error?.message,
    ).toBe(
      'invalid params for pageAtStep: `point.step` must be a whole number in -1..9007199254740991, got -2',
    );
  });

  test('every method refuses a field it does not declare (a misspelt option is not ignored)', async () => {
    for (const method of API_METHODS) {
      const reply = await call(method, { bogus: 1 });
      expect({ method, message: reply.error?.message }).toEqual({
        method,
        // "`bogus` must be absent", or for `{ session } | { commit }` forms "got an object { bogus }".
        message: expect.stringMatching(/`bogus` must be absent|got an object \{ bogus \}/),
      });
    }
    expect((await call('openSession', { gasTabel: '0.19' })).error?.message).toBe(
      'invalid params for openSession: `gasTabel` must be absent (known: base, name, meta, gasTable), got a field `gasTabel`',
    );
  });

  test('valid params still work, and nothing was opened by the refused ones', async () => {
    const opened = await call('openSession', { base: null, name: 'ok', gasTable: '0.19' });
    expect(opened.result).toMatchObject({ name: 'ok', gasTable: '0.19' });
    expect(((await call('listSessions', undefined)).result as unknown[]).length).toBe(1);
    expect((await call('openSession', { gasTable: 'latest' })).error?.message).toBe(
      'unknown gas table "latest": use "head" or "0.19"',
    );
  });
});
