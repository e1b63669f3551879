// A session worker (tests only) in which the host query "very_expensive" never returns: the
// host contract's `host_very_expensive` (contracts/src/host.ts) then blocks its thread outside
// any gas slice, as a long host function would, so an interrupt cannot stop it and only
// terminating the thread ends it. Everything else is the real worker (session-worker.ts).
import { register } from 'tsx/esm/api';

register();
const { Vm } = await import('../vm/vm.ts');
const openSession = Vm.prototype.session;
const blocked = new Int32Array(new SharedArrayBuffer(4));
Vm.prototype.session = function (options) {
  this.registerHostQuery('very_expensive', {
    execute: () => {
      Atomics.wait(blocked, 0, 0); // nobody wakes it: ends when the thread is terminated
      return 0;
    },
  });
  return openSession.call(this, options);
};
await import('../threads/session-worker.ts');
