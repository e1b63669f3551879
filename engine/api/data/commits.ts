/**
 * Commits, the commit graph, diffs between states, page writers and memory. Part of the
 * InspectorApi's data, re-exported by engine/api/types.ts.
 */
import type { ContractIdHex, GasTableName, Hex, RootHex } from './values';
import type { JournalSource, StepPoint } from './journal';

export interface CommitNode {
  root: RootHex;
  parent: RootHex | null;
  /** The label of the commit that first wrote this state. */
  label: string;
  /**
   * Every label this state was committed under, oldest first, each once, empty ones left out:
   * committing an identical state again (same root) adds its label to the same commit.
   */
  labels: string[];
  createdAt: number;
  finalized: boolean;
  /** Contracts whose state differs from the parent's. */
  contractsTouched: ContractIdHex[];
  pagesChanged: number;
  /**
   * The gas table of the session that made the commit (its journal's figures are in it). Absent
   * for commits made before tables were recorded.
   */
  gasTable?: GasTableName;
}

/**
 * A state to read memory from or diff: a commit or a live session. In diffs, the all-zero root
 * stands for genesis, the base of sessions opened on nothing.
 */
export type StateRef = { commit: RootHex } | { session: string };

export interface ContractDiffView {
  contract: ContractIdHex;
  status: 'added' | 'removed' | 'changed';
  pagesAdded: number[];
  pagesRemoved: number[];
  pagesChanged: number[];
  memoryLenBefore?: number;
  memoryLenAfter?: number;
}

export interface PageDiff {
  before: Hex;
  after: Hex;
  ranges: Array<{ start: number; end: number }>;
}

/** A journal step that changed a page, with the names a list of them needs. */
export interface PageWriterStep {
  point: StepPoint;
  callKind: 'deploy' | 'call';
  callFn: string;
  stepKind: 'enter' | 'exit';
  stepFn: string;
  contract: ContractIdHex;
}

/** One journal on the viewed side's lineage, and its steps that changed the page. */
export interface PageWriterJournal {
  source: JournalSource;
  /**
   * Its name for the user: the commit's labels, comma-separated ('' when it has none; a state
   * committed twice has two), or the session's name.
   */
  name: string;
  steps: PageWriterStep[];
}

/**
 * Who wrote a page, as the viewed side of a diff has it: the journals from that side back to
 * the commit it shares with the other side (its common ancestor), newest first.
 */
export interface PageWriters {
  side: 'from' | 'to';
  journals: PageWriterJournal[];
  /** Where the search stopped: the common ancestor's root, null for genesis. */
  ancestor: RootHex | null;
  /** A commit on the way whose journal could not be read: the search saw nothing past it. */
  gap?: { root: RootHex; reason: 'deleted' | 'no journal' };
}

export interface MemoryInfo {
  memoryLen: number;
  /** Pages ever written (the page tree's leaves). */
  pages: number[];
  argBuffer: number;
  is64: boolean;
}
