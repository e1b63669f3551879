// A profile names functions the way the developer wrote them: the contract's name section,
// demangled (a Rust symbol reads `callee::inner`), else the export name, else `func[N]`; and
// its trap leaves the sums adding up to the call's gas, as wasmtime counts it.
import { expect, test } from 'vitest';
import {
  calleeContract,
  INNER,
  INNER_DEMANGLED,
  MIDDLE,
  OUTER,
} from '../testing/backtrace-contracts';
import { createVm } from '../vm/vm';
import { profileCall } from './profile-call';
import { checkProfile, type ProfileNode } from './profile-tree';

const OWNER = new Uint8Array(32);

/** The function nodes, outermost first (the call is one chain). */
function functions(node: ProfileNode): ProfileNode[] {
  const own = node.kind === 'function' ? [node] : [];
  return [...own, ...node.children.flatMap(functions)];
}

test.each([
  // The name section's names come first (`outer`, not its export name `trap_deep`).
  [true, ['outer', 'middle', INNER_DEMANGLED]],
  [false, ['trap_deep', `func[${MIDDLE}]`, `func[${INNER}]`]],
])('name section %s: the frames read %j', async (debugNames, names) => {
  const vm = await createVm();
  const s = vm.session();
  const { contractId } = s.deploy(await calleeContract(debugNames), { owner: OWNER }, 1_000_000n);
  const { error, profile } = profileCall(s, contractId, 'trap_deep', new Uint8Array(0), 1_000_000n);
  expect(error).toBeDefined();
  expect(checkProfile(profile)).toEqual([]);
  const nodes = functions(profile.root);
  expect(nodes.map((n) => n.funcIndex)).toEqual([OUTER, MIDDLE, INNER]);
  expect(nodes.map((n) => n.name)).toEqual(names);
});
