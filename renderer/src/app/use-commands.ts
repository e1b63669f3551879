/**
 * What keyboard shortcuts and the command palette can do, in one place: each command calls store
 * actions. The palette adds entries built from the current state (deploy a sample, switch to a
 * session, open a session on a commit).
 */
import { computed, type ComputedRef } from 'vue';
import { SHORTCUTS, type CommandId } from './shortcuts';
import { useCallStore } from '../calls/call-store';
import { useContractStore } from '../calls/contract-store';
import { useNavigationStore } from '../common/navigation-store';
import { useSessionStore } from '../workspace/session-store';
import { useStepStore } from '../steps/step-store';
import { useUiStore } from '../common/ui-store';
import { useWorkspaceStore } from '../workspace/workspace-store';

export interface PaletteCommand {
  id: string;
  label: string;
  group: string;
  combo?: string;
  run: () => void;
}

export function useCommands(): {
  run: (id: CommandId) => void;
  palette: ComputedRef<PaletteCommand[]>;
} {
  const ui = useUiStore();
  const navigation = useNavigationStore();
  const sessions = useSessionStore();
  const calls = useCallStore();
  const steps = useStepStore();
  const contracts = useContractStore();
  const workspace = useWorkspaceStore();

  function run(id: CommandId): void {
    switch (id) {
      case 'call':
        if (navigation.view === 'calls') void calls.call();
        return;
      case 'palette':
        ui.openOverlay('palette');
        return;
      case 'help':
        ui.openOverlay('help');
        return;
      case 'closeOverlay':
        ui.closeOverlay();
        return;
      case 'stepNext':
        return steps.move('next');
      case 'stepPrev':
        return steps.move('prev');
      case 'stepInto':
        return steps.move('into');
      case 'stepOut':
        return steps.move('out');
      case 'stepOver':
        return steps.move('over');
      case 'viewCalls':
        return navigation.show('calls');
      case 'viewSteps':
        return navigation.show('steps');
      case 'viewMemory':
        return navigation.show('memory');
      case 'viewDiff':
        return navigation.show('diff');
      case 'viewGraph':
        return navigation.show('graph');
      case 'viewProfile':
        return navigation.show('profile');
      case 'newSession':
        void navigation.openSessionOn(null);
        return;
      case 'commit':
        ui.requestCommit();
        return;
      case 'toggleTheme':
        ui.cycleTheme();
        return;
      case 'interrupt':
        void sessions.interrupt();
        return;
    }
  }

  const palette = computed<PaletteCommand[]>(() => {
    const seen = new Set<CommandId>();
    const base: PaletteCommand[] = [];
    for (const s of SHORTCUTS) {
      if (seen.has(s.command) || s.command === 'palette' || s.command === 'closeOverlay') continue;
      seen.add(s.command);
      base.push({
        id: `cmd:${s.command}`,
        label: s.description,
        group: s.group,
        combo: s.combo,
        run: () => run(s.command),
      });
    }
    const deploy: PaletteCommand[] =
      sessions.activeSessionId === null
        ? []
        : contracts.samples.map((sample) => ({
            id: `deploy:${sample.name}`,
            label: `Deploy sample: ${sample.name}`,
            group: 'Deploy',
            run: () => {
              contracts.deployForm.source = 'sample';
              contracts.deployForm.sample = sample.name;
              navigation.show('calls');
              void contracts.deploy();
            },
          }));
    const switchTo = sessions.sessions.map((s) => ({
      id: `session:${s.id}`,
      label: `Switch to session: ${s.name}`,
      group: 'Sessions',
      run: () => sessions.select(s.id),
    }));
    const openOn = workspace.commits.slice(0, 30).map((c) => ({
      id: `open:${c.root}`,
      // Every label of the commit (any one finds it), as the pickers name it.
      label: `Open session on commit: ${workspace.commitLabel(c.root)}`,
      group: 'Sessions',
      run: () => void navigation.openSessionOn(c.root),
    }));
    const themes = (['system', 'light', 'dark'] as const).map((t) => ({
      id: `theme:${t}`,
      label: `Theme: ${t}`,
      group: 'General',
      run: () => ui.setTheme(t),
    }));
    return [...base, ...deploy, ...switchTo, ...openOn, ...themes];
  });

  return { run, palette };
}
