/**
 * The names a script binds as it runs (sessions, commits, contracts), and why a name a failed
 * step should have bound is missing: a later step that uses it says so, instead of taking the
 * name for a root or an id. A contract name the script has not bound may be a name the host
 * keeps (a store's contract names), so a script can use contracts deployed before it ran.
 */
import { PiecrustError } from '../core/errors';
import { isHex32, toContractId, toRoot, type ContractId, type Root } from '../core/ids';
import type { AsyncSession } from '../vm/async-session';
import type { Step } from './script-schema';
import type { StepResult } from './step-result';

type NameKind = 'session' | 'contract' | 'commit';

export class ScriptBindings {
  readonly sessions = new Map<string, AsyncSession>();
  readonly commits = new Map<string, Root>();
  readonly contracts = new Map<string, ContractId>();
  /** Names a step should have bound and did not, with why. */
  private readonly unbound = new Map<string, string>();

  /** `storedNames`: the host's contract names, by id (absent: only the script's own names). */
  constructor(private readonly storedNames?: () => Map<ContractId, string>) {}

  /** Names bound so far, for display. */
  snapshot(): {
    sessions: string[];
    commits: Record<string, Root>;
    contracts: Record<string, ContractId>;
  } {
    return {
      sessions: [...this.sessions.keys()],
      commits: Object.fromEntries(this.commits),
      contracts: Object.fromEntries(this.contracts),
    };
  }

  /** After a step: the name it defines is bound, or a later use will say why it is not. */
  noteStep(step: Step, result: StepResult): void {
    const defined =
      step.op === 'session'
        ? { key: `session:${step.name}`, bound: this.sessions.has(step.name) }
        : step.op === 'deploy' && step.name !== undefined
          ? { key: `contract:${step.name}`, bound: this.contracts.has(step.name) }
          : step.op === 'commit' && step.name !== undefined
            ? { key: `commit:${step.name}`, bound: this.commits.has(step.name) }
            : undefined;
    if (defined === undefined) return;
    if (defined.bound) {
      this.unbound.delete(defined.key);
      return;
    }
    const why = result.error?.message ?? result.reason ?? 'it did not complete';
    this.unbound.set(defined.key, `step #${result.index} (${result.title}) failed: ${why}`);
  }

  /** The error for a name that is not bound: why, when a step failed to bind it. */
  private unboundName(kind: NameKind, name: string): PiecrustError {
    const why = this.unbound.get(`${kind}:${name}`);
    const what = { session: 'opened', contract: 'deployed', commit: 'made' }[kind];
    return new PiecrustError(
      'InvalidInput',
      why === undefined
        ? `${kind === 'session' ? 'session' : `unknown ${kind}`} "${name}"${kind === 'session' ? ' is not open' : ''}`
        : `${kind} "${name}" was not ${what}: ${why}`,
      { [kind]: name },
    );
  }

  /**
   * A contract by its script name, its hex id, or its stored name (an arrow: rkyv encoding calls
   * it back). The script's names come first; a name whose deploy step failed stays an error
   * rather than falling back to a stored contract of that name.
   */
  readonly contract = (nameOrHex: string): ContractId => {
    const named = this.contracts.get(nameOrHex);
    if (named !== undefined) return named;
    if (isHex32(nameOrHex)) return toContractId(nameOrHex);
    const stored = this.unbound.has(`contract:${nameOrHex}`)
      ? undefined
      : this.storedContract(nameOrHex);
    if (stored !== undefined) return stored;
    throw this.unboundName('contract', nameOrHex);
  };

  /** The one stored contract of that name; several are an error listing them. */
  private storedContract(name: string): ContractId | undefined {
    if (this.storedNames === undefined) return undefined;
    const ids = [...this.storedNames()].filter(([, n]) => n === name).map(([id]) => id);
    if (ids.length > 1)
      throw new PiecrustError(
        'InvalidInput',
        `contract name "${name}" is stored for ${ids.length} contracts (${ids.join(', ')}): use an id`,
        { contract: name, ids: ids.join(',') },
      );
    return ids[0];
  }

  commit(nameOrHex: string): Root {
    const named = this.commits.get(nameOrHex);
    if (named !== undefined) return named;
    if (isHex32(nameOrHex)) return toRoot(nameOrHex);
    throw this.unboundName('commit', nameOrHex);
  }

  session(name: string): AsyncSession {
    const s = this.sessions.get(name);
    if (s === undefined) throw this.unboundName('session', name);
    return s;
  }
}
