/**
 * Which view is shown, and requests to show something elsewhere: a step of a journal, a
 * session opened on a commit, a contract's memory. The Graph and Diff views ask through
 * this store, or through the `inspector:navigate` window event that App.vue forwards to
 * `handle`.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { JournalSource, RootHex, StepPoint } from '../../../engine/api/types';
import { useMemoryStore, type MemorySource } from '../memory/memory-store';
import { useSessionStore } from '../workspace/session-store';
import { useStepStore } from '../steps/step-store';

export type ViewName = 'calls' | 'steps' | 'memory' | 'diff' | 'graph';
export const VIEWS: readonly ViewName[] = ['calls', 'steps', 'memory', 'diff', 'graph'];

/** What other views may ask for (the shape graph/navigate.ts dispatches). */
export type NavigationRequest =
  | { view: 'calls'; session?: string }
  | { view: 'diff' }
  | { view: 'graph' }
  | { view: 'memory'; contract?: string; offset?: number; source?: MemorySource }
  | { view: 'steps'; source?: JournalSource; point?: StepPoint; contract?: string; page?: number };

export function isNavigationRequest(value: unknown): value is NavigationRequest {
  return (
    typeof value === 'object' &&
    value !== null &&
    VIEWS.includes((value as { view?: ViewName }).view as ViewName)
  );
}

export const useNavigationStore = defineStore('navigation', () => {
  const view = ref<ViewName>('calls');

  function show(next: ViewName): void {
    view.value = next;
  }

  function goToStep(
    point: StepPoint,
    source?: JournalSource,
    page?: { contract: string; page: number },
  ): void {
    view.value = 'steps';
    useStepStore().goToPoint(point, source, page);
  }

  async function openSessionOn(root: RootHex | null, name?: string): Promise<void> {
    const session = await useSessionStore().open({ base: root, name });
    if (session !== undefined) view.value = 'calls';
  }

  function showMemory(contract: string, offset?: number, source?: MemorySource): void {
    const memory = useMemoryStore();
    view.value = 'memory';
    memory.open(contract, source);
    if (offset !== undefined) setTimeout(() => memory.setCursor(offset), 0);
  }

  function handle(request: NavigationRequest): void {
    switch (request.view) {
      case 'calls':
        if (request.session !== undefined) useSessionStore().select(request.session);
        view.value = 'calls';
        return;
      case 'steps':
        if (request.point !== undefined) {
          const page =
            request.contract !== undefined && request.page !== undefined
              ? { contract: request.contract, page: request.page }
              : undefined;
          goToStep(request.point, request.source, page);
        } else {
          if (request.source !== undefined) useStepStore().setChoice(request.source);
          view.value = 'steps';
        }
        return;
      case 'memory':
        if (request.contract !== undefined)
          showMemory(request.contract, request.offset, request.source);
        else view.value = 'memory';
        return;
      default:
        view.value = request.view;
    }
  }

  return { view, show, goToStep, openSessionOn, showMemory, handle };
});
