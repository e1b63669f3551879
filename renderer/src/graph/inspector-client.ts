/**
 * The API client of the graph and diff stores: the page's one connection (api/instance.ts,
 * provided by main.ts). `installInspectorClient` is the same as `provideApiClient`; main.ts and
 * the UI benchmark page call it.
 */
import type { ApiClient } from '../api/client';
import { apiClient, provideApiClient } from '../api/instance';

export function inspectorClient(): ApiClient {
  return apiClient();
}

export function installInspectorClient(client: ApiClient): void {
  provideApiClient(client);
}
