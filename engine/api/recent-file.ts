/** The recently opened stores, kept in a small JSON file (the desktop's userData, or ~/.config). */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export interface RecentList {
  load(): string[];
  save(paths: string[]): void;
}

/** The list with `path` first (once), at most `max` long. */
export function withRecent(list: readonly string[], path: string, max = 10): string[] {
  return [path, ...list.filter((p) => p !== path)].slice(0, max);
}

export function recentFile(path: string): RecentList {
  return {
    load: () => {
      try {
        const value: unknown = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : [];
        return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : [];
      } catch {
        return []; // a damaged list is not worth failing the app for
      }
    },
    save: (paths) => {
      try {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, JSON.stringify(paths));
      } catch {
        // Not being able to remember recent stores must not break opening one.
      }
    },
  };
}

/** `$XDG_CONFIG_HOME/piecrust-inspector/recent-stores.json` (browser mode). */
export function defaultRecentFile(): string {
  const base = process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
  return join(base, 'piecrust-inspector', 'recent-stores.json');
}
