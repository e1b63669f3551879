/**
 * The one API client of the page. main.ts connects it; stores (and only stores) reach it through
 * `apiClient()`. Tests install a fake with `provideApiClient`.
 */
import type { ApiClient } from './client';

let current: ApiClient | undefined;

export function provideApiClient(client: ApiClient): void {
  current = client;
}

export function apiClient(): ApiClient {
  if (current === undefined)
    throw new Error('the API client is not connected yet (main.ts connects it)');
  return current;
}
