/**
 * Which view is shown, and requests to show something elsewhere: a step of a journal, a
 * session opened on a commit, a contract's memory. Any store or component asks here; the store
 * imports none of the stores that carry a request out (steps, memory, sessions), so no store
 * import runs in a circle back to itself. The app installs the routes that do (app/
 * navigation-routes.ts) when it starts; until then a request only switches the view.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { JournalSource, RootHex, StepPoint } from '../../../engine/api/types';
import type { MemorySource } from '../memory/memory-store';

export type ViewName = 'calls' | 'steps' | 'memory' | 'diff' | 'graph' | 'profile';
export const VIEWS: readonly ViewName[] = ['calls', 'steps', 'memory', 'diff', 'graph', 'profile'];

/** What a view or store may ask for. */
export type NavigationRequest =
  | { view: 'calls'; session?: string }
  | { view: 'calls'; open: { base: RootHex | null; name?: string } }
  | { view: 'diff' }
  | { view: 'graph' }
  | { view: 'profile' }
  | { view: 'memory'; contract?: string; offset?: number; source?: MemorySource }
  | { view: 'steps'; source?: JournalSource; point?: StepPoint; contract?: string; page?: number };

/** Carries a request out in the stores it concerns; resolves when it is done. */
export type NavigationRoute = (request: NavigationRequest) => void | Promise<void>;

export const useNavigationStore = defineStore('navigation', () => {
  const view = ref<ViewName>('calls');
  let route: NavigationRoute = (request) => show(request.view);

  function show(next: ViewName): void {
    view.value = next;
  }

  /** Installed once by the app (app/navigation-routes.ts); returns the uninstall. */
  function setRoute(next: NavigationRoute): () => void {
    const before = route;
    route = next;
    return () => {
      if (route === next) route = before;
    };
  }

  function handle(request: NavigationRequest): Promise<void> {
    return Promise.resolve(route(request));
  }

  function goToStep(
    point: StepPoint,
    source?: JournalSource,
    page?: { contract: string; page: number },
  ): void {
    void handle({ view: 'steps', point, source, contract: page?.contract, page: page?.page });
  }

  /** Opens a session on a commit (or genesis) and shows its calls once it is open. */
  function openSessionOn(root: RootHex | null, name?: string): Promise<void> {
    return handle({ view: 'calls', open: { base: root, name } });
  }

  function showMemory(contract: string, offset?: number, source?: MemorySource): void {
    void handle({ view: 'memory', contract, offset, source });
  }

  return { view, show, setRoute, handle, goToStep, openSessionOn, showMemory };
});
