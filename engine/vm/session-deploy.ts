/**
 * Deploying a contract into a session (spec §2.2): the checks piecrust makes, in its order, the
 * contract created with its data segments, then `init` run when it exports one. A deploy that
 * fails leaves the session as it was, usable.
 */
import { PiecrustError } from '../core/errors';
import { toContractId, type ContractId } from '../core/ids';
import type { GasTableName } from '../core/gas-tables';
import { blake3 } from '../hash/blake3';
import type { JournalRecorder } from '../journal/recorder';
import { createDeployedContract } from './contract-loading';
import { failedCallGasSpent } from './failed-call-gas';
import { ARGBUF_LEN } from './host-abi';
import type { LoadedContract } from './loaded-contract';
import type { SessionContracts, SessionHost } from './session-contracts';
import { checkGas } from './top-level-call';
import type { CallReceipt, DeployOptions, DeployResult } from './types';

/** What a deploy needs of its session. */
export interface DeploySite {
  host: SessionHost;
  contracts: SessionContracts;
  recorder: JournalRecorder | undefined;
  gasTable: GasTableName;
  /** Run a top-level call (here: `init`). */
  run(contract: LoadedContract, fn: string, arg: Uint8Array, gasLimit: bigint): CallReceipt;
}

export function deployContract(
  site: DeploySite,
  bytecode: Uint8Array,
  options: DeployOptions,
  gasLimit: bigint,
): DeployResult {
  const { contracts, recorder } = site;
  checkGas(gasLimit);
  if (!(options.owner instanceof Uint8Array)) {
    throw new PiecrustError(
      'InvalidInput',
      'Owner must be specified when deploying a contract',
      {},
    );
  }
  if (options.initArg !== undefined && options.initArg.length > ARGBUF_LEN) {
    throw new PiecrustError(
      'CompositeSerializerError',
      `init argument of ${options.initArg.length} bytes does not fit the ${ARGBUF_LEN}-byte argument buffer`,
      { len: options.initArg.length, max: ARGBUF_LEN },
    );
  }
  const id = options.contractId ?? toContractId(blake3(bytecode));
  checkNewId(contracts, id, options.contractId !== undefined);
  const module = site.host.loadModule(bytecode, site.gasTable);
  contracts.checkPositionFree(id, [id]);
  if (module.abiError !== undefined) throw module.abiError;
  const initArg = options.initArg ?? new Uint8Array(0);
  recorder?.begin('deploy', id, module.functions.has('init') ? 'init' : '', initArg, gasLimit);
  recorder?.annotateDeploy({
    codeHash: module.codeHash,
    owner: options.owner,
    explicitId: options.contractId !== undefined,
  });
  const contract = contracts.take(
    createDeployedContract(id, module, options.owner, contracts.nodes, recorder),
  );
  contracts.changed();
  if (!module.functions.has('init')) {
    // The data segments are the deploy's only memory change: one step shows them.
    recorder?.boundary({ kind: 'exit', depth: 0, contract: id, fn: '', gas: 0n }, undefined);
    recorder?.end({ gasSpent: 0n });
    return { contractId: id, receipt: undefined };
  }
  try {
    const receipt = site.run(contract, 'init', initArg, gasLimit);
    recorder?.end({ gasSpent: receipt.gasSpent, result: receipt.data });
    return { contractId: id, receipt };
  } catch (e) {
    recorder?.end({ error: e, gasSpent: failedCallGasSpent(e) });
    contracts.remove(id);
    throw e;
  }
}

function checkNewId(contracts: SessionContracts, id: ContractId, explicitId: boolean): void {
  const inSession = contracts.loadedContract(id) !== undefined;
  if (inSession || contracts.baseRecord(id) !== undefined) {
    // piecrust's text hides the cause: a duplicate id. The details name it and where it is.
    throw new PiecrustError(
      'InitalizationError',
      'InitalizationError: Deployed error already exists',
      {
        contract: id,
        reason: 'duplicate-id',
        deployedIn: inSession ? 'session' : 'base',
        explicitId,
      },
    );
  }
}
