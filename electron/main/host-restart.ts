/**
 * What a restarted engine host opens. Sessions die with the process, but the store file holds every
 * commit, so the restarted host reopens the store that was open — unless the host died before it
 * even came up, when the store itself may be what kills it: then it starts on `:memory:` and the
 * user reopens the file knowingly (no restart loop).
 */
export function storeAfterRestart(openStore: string, diedBeforeReady: boolean): string {
  return diedBeforeReady ? ':memory:' : openStore;
}
