// Commit records in the log: the gas table travels with every commit (record version 2), the
// change against its parent with those that have one (version 3), and records written before
// tables were recorded (version 1) still decode, without one.
import { expect, test } from 'vitest';
import type { Root } from '../core/ids';
import { decodeCommitBody, encodeCommitBody } from './commit-codec';
import type { CommitRecord } from './commit-store';

const ROOT = 'ab'.repeat(32) as Root;
const commit: CommitRecord = {
  root: ROOT,
  parent: 'cd'.repeat(32) as Root,
  indexRoot: 'ef'.repeat(32),
  contractCount: 3,
  createdAt: 1_700_000_000_000,
  label: 'héllo',
  finalized: false,
};
const summary = { pagesWritten: 2, bytesWritten: 131_200 };
const rootBytes = Buffer.from(ROOT, 'hex');

test('each gas table round-trips, and so does a commit without one', () => {
  for (const gasTable of ['head', '0.19', undefined] as const) {
    const record = gasTable === undefined ? commit : { ...commit, gasTable };
    const decoded = decodeCommitBody(rootBytes, encodeCommitBody(record, summary));
    expect(decoded.commit).toEqual(record);
    expect(decoded.summary).toEqual(summary);
  }
});

test('a version-1 record (no table byte) decodes without a table', () => {
  const v2 = encodeCommitBody({ ...commit, gasTable: '0.19' }, summary);
  const v1 = v2.slice(0, v2.length - 1);
  v1[0] = 1;
  expect(decodeCommitBody(rootBytes, v1).commit).toEqual(commit);
});

test('a record whose length disagrees with its version is refused with the numbers', () => {
  const v2 = encodeCommitBody({ ...commit, gasTable: 'head' }, summary);
  expect(() => decodeCommitBody(rootBytes, v2.slice(0, v2.length - 1))).toThrow(
    `commit record of ${v2.length - 1} bytes does not decode (version 2)`,
  );
  const future = v2.slice();
  future[0] = 9;
  expect(() => decodeCommitBody(rootBytes, future)).toThrow('version 9');
});

test('a commit with its change is a version-3 record that round-trips; one without stays version 2', () => {
  const changes = { contractsTouched: ['01'.repeat(32), 'fe'.repeat(32)], pagesChanged: 7 };
  for (const touched of [changes.contractsTouched, []]) {
    const record = {
      ...commit,
      gasTable: 'head' as const,
      changes: { ...changes, contractsTouched: touched },
    };
    const body = encodeCommitBody(record as CommitRecord, summary);
    expect(body[0]).toBe(3);
    expect(decodeCommitBody(rootBytes, body)).toEqual({ commit: record, summary });
    expect(() => decodeCommitBody(rootBytes, body.slice(0, body.length - 1))).toThrow(
      `commit record of ${body.length - 1} bytes does not decode (version 3)`,
    );
  }
  expect(encodeCommitBody(commit, summary)[0]).toBe(2);
});
