/**
 * Events the engine pushes (a session changed, a commit was created, a call started…), routed
 * to the stores that own them. This is the one module that subscribes to the API's events: one
 * subscription per event for the page's lifetime, so an event reaches each store once (a
 * workspace change reloads the commit list once). Each store updates only the item concerned,
 * so a script opening dozens of sessions does not re-render whole lists.
 */
import { apiClient } from '../api/instance';
import { engineRestartedText } from './engine-restart';
import { useCallStore } from '../calls/call-store';
import { useCommitStore } from '../graph/commit-store';
import { useContractNamesStore } from '../common/contract-names-store';
import { useContractStore } from '../calls/contract-store';
import { useDriverDecodeStore } from '../common/driver-decode-store';
import { useMemoryStore } from '../memory/memory-store';
import { useNavigationStore } from '../common/navigation-store';
import { useProfileStore } from '../profile/profile-store';
import { useScriptStore } from '../steps/script-store';
import { useSessionStore } from '../workspace/session-store';
import { useStepStore } from '../steps/step-store';
import { useUiStore } from '../common/ui-store';
import { useWorkspaceStore } from '../workspace/workspace-store';

export function startLiveUpdates(): () => void {
  const api = apiClient();
  const workspace = useWorkspaceStore();
  const sessions = useSessionStore();
  const contracts = useContractStore();
  const calls = useCallStore();
  const names = useContractNamesStore();
  // The one commit list (graph, diff and the pickers) stays live for the page's lifetime;
  // workspace.load() fetches it.
  const commits = useCommitStore();
  /** Sessions, contracts and call history belong to one engine and one store: start over. */
  const forgetSessions = (): void => {
    sessions.reset();
    contracts.reset();
    calls.reset();
    useStepStore().setChoice('auto');
    useMemoryStore().setSource('live');
    useDriverDecodeStore().reset();
    // Profiles are kept by the engine of this store: their ids mean nothing after.
    useProfileStore().reset();
    void sessions.refresh().catch(() => undefined);
  };
  const offs = [
    api.on('workspaceChanged', (info) => {
      workspace.onWorkspaceChanged(info);
      void commits.onWorkspaceChanged();
      // Names are the store file's: the other file's replace them.
      names.reset();
      void names.load();
      forgetSessions();
    }),
    api.on('engineRestarted', (event) => {
      const ui = useUiStore();
      ui.notify('error', engineRestartedText(event), undefined, 0);
      forgetSessions();
      void workspace.load();
      void names.load();
    }),
    api.on('commitCreated', (node) => {
      commits.onCommitCreated(node);
      workspace.refreshInfo();
    }),
    api.on('commitsChanged', (change) => {
      commits.onCommitsChanged(change);
      workspace.refreshInfo();
    }),
    // Renamed or given a driver: its name, its card, and every value shown for it decoded again.
    api.on('contractChanged', (event) => {
      names.onContractChanged(event);
      contracts.onContractChanged(event);
      useDriverDecodeStore().forgetContract(event.contract);
    }),
    api.on('sessionChanged', (info) => sessions.onSessionChanged(info)),
    api.on('sessionClosed', (event) => {
      sessions.onSessionClosed(event);
      contracts.forgetSession(event.id);
    }),
    api.on('callProgress', (event) => sessions.onCallProgress(event)),
    api.on('callStuck', (event) => sessions.onCallStuck(event)),
    api.on('debug', (event) => calls.onDebug(event)),
    api.on('menuCommand', (command) => {
      const navigation = useNavigationStore();
      if (command.command === 'openContract') {
        if (command.path !== undefined) contracts.setHostPath(command.path);
        navigation.show('calls');
      } else if (command.command === 'runScript') {
        navigation.show('steps');
        if (command.path !== undefined) void useScriptStore().load({ path: command.path });
      } else {
        void navigation.openSessionOn(null);
      }
      useUiStore().closeOverlay();
    }),
  ];
  return () => offs.forEach((off) => off());
}
