/**
 * `npm run dev` only: Vite's dev server injects each CSS module as a `<style>` element (for hot
 * reload), which the renderer's policy refuses — it allows no inline styles. This adds
 * 'unsafe-inline' to `style-src` in the dev server's copy of index.html; builds (the desktop app,
 * browser mode) are never relaxed: the plugin applies to `serve` only (electron.vite.config.ts).
 */
export function relaxCspForDevServer(html: string): string {
  const strict = /(http-equiv="Content-Security-Policy"\s+content="[^"]*style-src 'self')(;)/;
  if (!strict.test(html))
    throw new Error("renderer/index.html: no CSP meta tag with style-src 'self' to relax for dev");
  return html.replace(strict, "$1 'unsafe-inline'$2");
}
