/**
 * Gas as the CLI prints it, in the words the app uses: what was spent, and for a failed deploy or
 * call (piecrust's `Err`: no receipt, yet gas was burnt) of which limit and that it failed.
 */
export function gasText(spent: string, limit: string | undefined, error: unknown): string {
  if (error === undefined) return spent;
  return `${spent}${limit === undefined ? '' : ` of ${limit}`} (failed, no receipt)`;
}
