/**
 * `checkStore`: verify a store from its commits down, as `piecrust-inspector check` does. For
 * every commit: every Merkle and index node hashes to its key (so the commit's root is the root
 * of its contracts tree), every contract record decodes and hashes to its key, its bytecode and
 * pages exist and hash to their keys, each record's page-tree root is the contracts-tree leaf at
 * its position, and no contracts-tree leaf lacks a record. A file store also reads and verifies
 * every record its index references, and its superblock, the log before its checkpoint and the
 * bytes past its durable length (store-inspection.ts). Shared data is verified once. Nothing is
 * written.
 */
import { bytesToHex, hexToBytes, ZERO_ROOT, type Root } from '../core/ids';
import { blake3 } from '../hash/blake3';
import {
  CONTRACTS_TREE,
  HASH_LEN,
  isZeroHash,
  PAGE_TREE_32,
  PAGE_TREE_64,
  type TreeShape,
} from '../merkle/sparse-tree';
import { INDEX_TRIE } from '../state/contract-index';
import { decodeContractRecord, type ContractRecord } from '../state/contract-record';
import type { CommitRecord, CommitStore } from './commit-store';
import { driverHash } from './contract-meta';
import type { Inspection } from './store-inspection';

export type CheckProblemKind =
  | 'missing-node'
  | 'bad-node'
  | 'missing-record'
  | 'bad-record'
  | 'missing-bytecode'
  | 'bad-bytecode'
  | 'missing-page'
  | 'bad-page'
  | 'page-root-mismatch'
  | 'leaf-without-record'
  | 'corrupt-record'
  // A contract's metadata names a driver the store lacks, or bytes that are not that driver.
  | 'missing-driver'
  | 'bad-driver'
  // The file itself (store-inspection.ts), and a store that opens only rebuilt (check-file.ts).
  | 'superblock-slot'
  | 'records-past-durable-end'
  | 'unopenable';

export interface CheckProblem {
  kind: CheckProblemKind;
  /** The commit in which it was found (the first one, for shared data). */
  commit?: Root;
  key?: string;
  /** File offset, for damaged records of a file store. */
  offset?: number;
  message: string;
}

export interface CheckReport {
  location: string;
  commits: number;
  nodes: number;
  pages: number;
  bytecodes: number;
  /** Log records read and verified (file stores). */
  records: number;
  problems: CheckProblem[];
  /** Worth knowing, harmless (e.g. a crash's unacknowledged tail, dropped by the next writer). */
  notes: string[];
  ok: boolean;
}

/** A store that can verify its own records (the file store). */
interface RecordVerifier {
  verifyRecords(onProblem: (p: { offset: number; kind: number; message: string }) => void): number;
}

function isRecordVerifier(store: object): store is RecordVerifier {
  return typeof (store as Partial<RecordVerifier>).verifyRecords === 'function';
}

/** A store kept in a file whose superblock and log can be inspected (the file store). */
interface FileInspector {
  inspectFile(): Inspection;
}

function isFileInspector(store: object): store is FileInspector {
  return typeof (store as Partial<FileInspector>).inspectFile === 'function';
}

class Checker {
  readonly problems: CheckProblem[] = [];
  private readonly goodNodes = new Set<string>();
  private readonly badNodes = new Set<string>();
  private readonly seenPages = new Set<string>();
  /** Page-tree nodes whose whole subtree has been visited (commits share most of them). */
  private readonly pageTreeNodes = new Set<string>();
  private readonly seenCode = new Set<string>();
  private readonly records = new Map<string, ContractRecord | undefined>();
  private commit: Root | undefined;

  constructor(private readonly store: CommitStore) {}

  counts(): Pick<CheckReport, 'nodes' | 'pages' | 'bytecodes'> {
    return {
      nodes: this.goodNodes.size + this.badNodes.size,
      pages: this.seenPages.size,
      bytecodes: this.seenCode.size,
    };
  }

  private problem(kind: CheckProblemKind, key: string, message: string): void {
    this.problems.push({ kind, commit: this.commit, key, message });
  }

  /** Read a blob; a read that throws (damaged record) is reported and treated as missing. */
  private read(get: (key: string) => Uint8Array | undefined, key: string): Uint8Array | undefined {
    try {
      return get(key);
    } catch (e) {
      this.problems.push({
        kind: 'corrupt-record',
        commit: this.commit,
        key,
        message: (e as Error).message,
      });
      return undefined;
    }
  }

  /** The verified children of a node, or undefined (reported) when missing or wrong. */
  private children(shape: TreeShape, key: string): Uint8Array | undefined {
    if (this.badNodes.has(key)) return undefined;
    const bytes = this.read((k) => this.store.getNode(k), key);
    if (this.goodNodes.has(key)) return bytes;
    if (bytes === undefined) {
      this.problem('missing-node', key, `Merkle node ${key} is missing`);
    } else if (bytes.length !== shape.arity * HASH_LEN || bytesToHex(blake3(bytes)) !== key) {
      this.problem(
        'bad-node',
        key,
        `Merkle node ${key} (${bytes.length} bytes) does not hash to its key`,
      );
    } else {
      this.goodNodes.add(key);
      return bytes;
    }
    this.badNodes.add(key);
    return undefined;
  }

  /**
   * Visit the leaves of a tree; subtrees whose root is in `skip` are skipped (and added to it).
   * Returns false when a node was missing or wrong, i.e. some leaves could not be visited.
   */
  walk(
    shape: TreeShape,
    root: Uint8Array,
    skip: Set<string> | undefined,
    onLeaf: (position: number, value: Uint8Array) => void,
  ): boolean {
    let complete = true;
    const rec = (value: Uint8Array, depth: number, base: number): void => {
      if (isZeroHash(value)) return;
      if (depth === shape.height) {
        onLeaf(base, value);
        return;
      }
      const key = bytesToHex(value);
      if (skip?.has(key)) return;
      skip?.add(key);
      const children = this.children(shape, key);
      if (children === undefined) {
        complete = false;
        return;
      }
      const span = shape.arity ** (shape.height - depth - 1);
      for (let c = 0; c < shape.arity; c++)
        rec(children.subarray(c * HASH_LEN, (c + 1) * HASH_LEN), depth + 1, base + c * span);
    };
    rec(root, 0, 0);
    return complete;
  }

  private record(key: string): ContractRecord | undefined {
    if (this.records.has(key)) return this.records.get(key);
    let record: ContractRecord | undefined;
    const bytes = this.read((k) => this.store.getNode(k), key);
    if (bytes === undefined)
      this.problem('missing-record', key, `contract record ${key} is missing`);
    else if (bytesToHex(blake3(bytes)) !== key)
      this.problem('bad-record', key, `contract record ${key} does not hash to its key`);
    else {
      try {
        record = decodeContractRecord(bytes);
      } catch (e) {
        this.problem(
          'bad-record',
          key,
          `contract record ${key} does not decode: ${(e as Error).message}`,
        );
      }
    }
    this.records.set(key, record);
    return record;
  }

  private bytecode(codeHash: string): void {
    if (this.seenCode.has(codeHash)) return;
    this.seenCode.add(codeHash);
    const code = this.read((k) => this.store.getBytecode(k), codeHash);
    if (code === undefined)
      this.problem('missing-bytecode', codeHash, `bytecode ${codeHash} is missing`);
    else if (bytesToHex(blake3(code)) !== codeHash)
      this.problem('bad-bytecode', codeHash, `bytecode ${codeHash} does not hash to its key`);
  }

  private pages(record: ContractRecord): void {
    this.walk(
      record.is64 ? PAGE_TREE_64 : PAGE_TREE_32,
      record.pageRoot,
      this.pageTreeNodes,
      (index, value) => {
        const key = bytesToHex(value);
        if (this.seenPages.has(key)) return;
        this.seenPages.add(key);
        const page = this.read((k) => this.store.getPage(k), key);
        if (page === undefined)
          this.problem(
            'missing-page',
            key,
            `page ${index} of contract ${record.id} (${key}) is missing`,
          );
        else if (bytesToHex(blake3(page)) !== key)
          this.problem(
            'bad-page',
            key,
            `page ${index} of contract ${record.id} (${key}) does not hash to its key`,
          );
      },
    );
  }

  checkCommit(commit: CommitRecord): void {
    this.commit = commit.root;
    const leaves = new Map<number, string>();
    // Damage already reported hides leaves or records; comparing the trees would only echo it.
    let comparable = this.walk(
      CONTRACTS_TREE,
      hexToBytes(commit.root),
      undefined,
      (position, value) => leaves.set(position, bytesToHex(value)),
    );
    const covered = new Set<number>();
    const indexComplete = this.walk(
      INDEX_TRIE,
      hexToBytes(commit.indexRoot),
      undefined,
      (_pfc, value) => {
        const key = bytesToHex(value);
        const record = this.record(key);
        if (record === undefined) {
          comparable = false;
          return;
        }
        covered.add(record.position);
        // A contract with no page ever written has the empty root Z, which is an absent leaf.
        const leaf = leaves.get(record.position) ?? ZERO_ROOT;
        if (comparable && leaf !== bytesToHex(record.pageRoot)) {
          this.problem(
            'page-root-mismatch',
            key,
            `contract ${record.id}: page-tree root ${bytesToHex(record.pageRoot)} is not the contracts-tree leaf at position ${record.position} (${leaf})`,
          );
        }
        this.bytecode(record.codeHash);
        this.pages(record);
      },
    );
    if (!comparable || !indexComplete) return;
    for (const [position, value] of leaves) {
      if (!covered.has(position))
        this.problem(
          'leaf-without-record',
          value,
          `contracts-tree leaf at position ${position} has no contract record`,
        );
    }
  }
}

/** Every driver a contract's metadata names is there, and hashes to its name. */
function checkDrivers(store: CommitStore, problems: CheckProblem[]): void {
  for (const [id, meta] of store.listContractMeta()) {
    if (meta.driver === undefined) continue;
    const bytes = store.getDriver(meta.driver);
    if (bytes === undefined)
      problems.push({
        kind: 'missing-driver',
        key: meta.driver,
        message: `contract ${id}: its driver ${meta.driver} is missing`,
      });
    else if (driverHash(bytes) !== meta.driver)
      problems.push({
        kind: 'bad-driver',
        key: meta.driver,
        message: `contract ${id}: its driver ${meta.driver} holds ${bytes.length} bytes hashing to ${driverHash(bytes)}`,
      });
  }
}

export function checkStore(store: CommitStore): CheckReport {
  const checker = new Checker(store);
  const commits = store.listCommits();
  for (const commit of commits) checker.checkCommit(commit);
  checkDrivers(store, checker.problems);
  let records = 0;
  const damagedAt = new Set<number>();
  if (isRecordVerifier(store)) {
    records = store.verifyRecords((p) => {
      damagedAt.add(p.offset);
      checker.problems.push({ kind: 'corrupt-record', offset: p.offset, message: p.message });
    });
  }
  const notes: string[] = [];
  if (isFileInspector(store)) {
    const inspection = store.inspectFile();
    notes.push(...inspection.notes);
    for (const p of inspection.problems) {
      if (p.kind === 'corrupt-record' && damagedAt.has(p.offset)) continue; // reported above
      checker.problems.push({ kind: p.kind, offset: p.offset, message: p.message });
    }
  }
  const problems = checker.problems;
  return {
    location: store.location,
    commits: commits.length,
    ...checker.counts(),
    records,
    problems,
    notes,
    ok: problems.length === 0,
  };
}

export function formatCheckReport(report: CheckReport): string {
  const lines = [
    `store ${report.location}`,
    `${report.commits} commits, ${report.nodes} nodes, ${report.pages} pages, ${report.bytecodes} bytecodes, ${report.records} records verified`,
  ];
  for (const p of report.problems) {
    const where = [
      p.commit !== undefined ? `commit ${p.commit}` : '',
      p.offset !== undefined ? `offset ${p.offset}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(`  ${p.kind}${where ? ` (${where})` : ''}: ${p.message}`);
  }
  for (const note of report.notes) lines.push(`  note: ${note}`);
  lines.push(report.ok ? 'ok: no problems found' : `DAMAGED: ${report.problems.length} problem(s)`);
  return lines.join('\n');
}
