/**
 * Asking the app to show another view. The graph and diff views do not own the layout: they ask
 * the navigation store; on a page without one (no active Pinia), they dispatch the DOM event
 * `inspector:navigate` on window with the request as its detail, which App.vue also forwards.
 */
import { getActivePinia } from 'pinia';
import { useNavigationStore, type NavigationRequest } from '../common/navigation-store';

export type { NavigationRequest };

export const NAVIGATE_EVENT = 'inspector:navigate';

export function requestNavigation(request: NavigationRequest): void {
  if (getActivePinia() !== undefined) useNavigationStore().handle(request);
  else
    window.dispatchEvent(new CustomEvent<NavigationRequest>(NAVIGATE_EVENT, { detail: request }));
}
