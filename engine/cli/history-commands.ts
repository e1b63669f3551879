/**
 * `log`, `show` and `diff` over a store file: the commit history, one commit, and what changed
 * between two commits (pages per contract; with --bytes the byte ranges that differ in every
 * added, removed or changed page). Contracts are shown with their stored names (contract-text.ts).
 */
import { commitLabels, type CommitRecord } from '../store/commit-store';
import { GAS_TABLE_DESCRIPTIONS } from '../core/gas-tables';
import { pageByteChanges } from '../vm/state-view';
import type { Vm } from '../vm/vm';
import { resolveCommit, short } from './commit-ref';
import { gasText } from './gas-text';
import type { Output } from './run-command';
import { journalCounts, plural } from './count-words';
import { callText, contractListText, contractText, nameField } from './contract-text';

const time = (ms: number): string =>
  new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');

/** The fields every JSON line about a commit starts with (`log` and `show` alike). */
const commitFields = (c: CommitRecord) => ({
  root: c.root,
  parent: c.parent,
  label: c.label,
  /** Every label the state was committed under (the same state committed again adds one). */
  labels: commitLabels(c),
  createdAt: c.createdAt,
  finalized: c.finalized,
  /** The table its calls were metered with; null for commits made before tables were recorded. */
  gasTable: c.gasTable ?? null,
});

/** The gas table in words for text output. */
const tableText = (table: string | undefined): string => table ?? 'not recorded';

export async function logCommand(vm: Vm, json: boolean, io: Output): Promise<number> {
  const commits = [...vm.commitRecords()].sort((a, b) => a.createdAt - b.createdAt);
  const names = vm.contractNames();
  for (const c of commits) {
    const parent = c.parent === null ? undefined : vm.store.getCommit(c.parent);
    const changes = parent === undefined ? undefined : await vm.at(c).changesSince(vm.at(parent));
    const pages = changes?.reduce(
      (n, d) => n + d.pages.added.length + d.pages.changed.length + d.pages.removed.length,
      0,
    );
    const contracts = changes?.map((d) => ({
      id: d.contract,
      ...nameField(names.get(d.contract)),
    }));
    if (json) {
      io.out(
        JSON.stringify({
          ...commitFields(c),
          contractsChanged: changes?.length,
          pagesChanged: pages,
          contracts,
        }),
      );
    } else {
      const flags = c.finalized ? ' [finalized]' : '';
      const listed =
        contracts === undefined || contracts.length === 0 ? '' : `: ${contractListText(contracts)}`;
      const summary =
        changes === undefined ? '' : `  ${changes.length} contract(s), ${pages} page(s)${listed}`;
      io.out(
        `${short(c.root)}  ← ${short(c.parent)}  ${time(c.createdAt)}  ${commitLabels(c).join(', ') || '(no label)'}${flags}  gas ${tableText(c.gasTable)}${summary}`,
      );
    }
  }
  if (!json) io.out(`${commits.length} commit(s)`);
  return 0;
}

export async function showCommand(vm: Vm, ref: string, json: boolean, io: Output): Promise<number> {
  const c = resolveCommit(vm.commitRecords(), ref);
  const state = vm.at(c);
  const names = vm.contractNames();
  const contracts = (await state.contracts()).map((r) => ({
    id: r.id,
    ...nameField(names.get(r.id)),
    codeHash: r.codeHash,
    owner: Buffer.from(r.owner).toString('hex'),
    memoryLen: r.memoryLen,
    wasm64: r.is64,
    position: r.position,
  }));
  const journal = await state.journal();
  const calls = journal?.calls.map((k) => ({
    index: k.index,
    kind: k.kind,
    contract: k.contract,
    ...(names.has(k.contract) ? { contractName: names.get(k.contract) } : {}),
    fn: k.fn,
    gasSpent: k.gasSpent?.toString(),
    gasLimit: k.gasLimit.toString(),
    gasTable: k.gasTable ?? journal.gasTable ?? null,
    error: k.error?.code,
  }));
  if (json) {
    io.out(JSON.stringify({ ...commitFields(c), contracts, calls }));
    return 0;
  }
  io.out(`commit   ${c.root}${c.finalized ? ' (finalized)' : ''}`);
  io.out(`parent   ${c.parent ?? 'genesis'}`);
  io.out(`label    ${commitLabels(c).join(', ') || '(none)'}`);
  io.out(`created  ${time(c.createdAt)}`);
  io.out(
    `gas      ${tableText(c.gasTable)}${c.gasTable === undefined ? '' : ` (${GAS_TABLE_DESCRIPTIONS[c.gasTable]})`}`,
  );
  io.out(`contracts (${contracts.length}):`);
  for (const k of contracts)
    io.out(
      `  ${contractText(k.id, k.name, { full: true })}  ${plural(k.memoryLen, 'byte')}${k.wasm64 ? ' wasm64' : ''}  code ${k.codeHash.slice(0, 12)}  owner 0x${k.owner.slice(0, 16)}${k.owner.length > 16 ? '…' : ''}`,
    );
  if (calls !== undefined) {
    io.out(`journal (${journalCounts(calls)}):`);
    for (const k of calls)
      io.out(
        `  #${k.index} ${k.kind} ${callText(k.contract, k.contractName, k.fn)}  ${k.error === undefined ? `gas ${k.gasSpent}` : `error ${k.error}  gas ${k.gasSpent === undefined ? 'not recorded' : gasText(k.gasSpent, k.gasLimit, k.error)}`}`,
      );
  }
  return 0;
}

export async function diffCommand(
  vm: Vm,
  a: string,
  b: string,
  options: { json: boolean; bytes: boolean },
  io: Output,
): Promise<number> {
  const commits = vm.commitRecords();
  const from = vm.at(resolveCommit(commits, a));
  const to = vm.at(resolveCommit(commits, b));
  const diff = await to.changesSince(from);
  const names = vm.contractNames();
  for (const d of diff) {
    const name = names.get(d.contract);
    const ranges = options.bytes
      ? await pageByteChanges(d.pages, (side, page) =>
          (side === 'before' ? from : to).pageBytes(d.contract, page),
        )
      : undefined;
    if (options.json) {
      io.out(
        JSON.stringify({
          contract: d.contract,
          ...nameField(name),
          status: d.status,
          pages: d.pages,
          ranges,
        }),
      );
      continue;
    }
    const p = d.pages;
    const listed = (kind: string, pages: number[]) =>
      pages.length > 0 ? `  ${kind}: ${pages.join(', ')}` : '';
    io.out(
      `${d.status.padEnd(7)} ${contractText(d.contract, name, { full: true })}  pages +${p.added.length} -${p.removed.length} ~${p.changed.length}` +
        listed('added', p.added) +
        listed('removed', p.removed) +
        listed('changed', p.changed),
    );
    for (const page of ranges ?? []) {
      for (const r of page.ranges)
        io.out(`          @0x${r.offset.toString(16)}  ${r.before} → ${r.after}  (${page.kind})`);
    }
  }
  if (!options.json)
    io.out(`${diff.length} contract(s) differ between ${short(from.root)} and ${short(to.root)}`);
  return 0;
}
