/**
 * What a navigation request does in the stores it concerns: the one place that knows both the
 * navigation store and the stores of steps, memory and sessions. The navigation store calls it
 * without importing them (see common/navigation-store.ts), so no store imports another in a
 * circle.
 */
import { useNavigationStore, type NavigationRequest } from '../common/navigation-store';
import { useMemoryStore } from '../memory/memory-store';
import { useStepStore } from '../steps/step-store';
import { useSessionStore } from '../workspace/session-store';

/** Installs the routes on the page's navigation store; returns the uninstall. */
export function installNavigationRoutes(): () => void {
  const navigation = useNavigationStore();
  return navigation.setRoute((request) => route(request));

  async function route(request: NavigationRequest): Promise<void> {
    switch (request.view) {
      case 'calls':
        if ('open' in request) {
          const session = await useSessionStore().open(request.open);
          if (session !== undefined) navigation.show('calls');
          return;
        }
        if (request.session !== undefined) useSessionStore().select(request.session);
        navigation.show('calls');
        return;
      case 'steps':
        if (request.point !== undefined) {
          const page =
            request.contract !== undefined && request.page !== undefined
              ? { contract: request.contract, page: request.page }
              : undefined;
          navigation.show('steps');
          useStepStore().goToPoint(request.point, request.source, page);
        } else {
          if (request.source !== undefined) useStepStore().setChoice(request.source);
          navigation.show('steps');
        }
        return;
      case 'memory':
        navigation.show('memory');
        if (request.contract !== undefined) {
          const memory = useMemoryStore();
          memory.open(request.contract, request.source);
          const offset = request.offset;
          // The view scrolls to its cursor once it has laid out the memory just opened.
          if (offset !== undefined) setTimeout(() => memory.setCursor(offset), 0);
        }
        return;
      default:
        navigation.show(request.view);
    }
  }
}
