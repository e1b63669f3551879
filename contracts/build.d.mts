/** Types of build.mjs, for the TypeScript tests that build the contracts before running. */
export interface BuildOptions {
  /** Rebuild even when outputs are up to date. */
  force?: boolean;
  /** Only these contract names (default: all). */
  only?: string[];
  /** One line per contract built (default: console.log). */
  log?: (line: string) => void;
}

export function buildContracts(options?: BuildOptions): Promise<{ built: number; total: number }>;
