/**
 * Page-side JavaScript, as a string for `page.evaluate` (the TypeScript loader would add helpers
 * the page lacks): `(act, done) => Promise<ms>` runs `act()`, watches the DOM's mutations until
 * `done()` (which may itself act, e.g. click a row once it is rendered), then resolves with the ms
 * from `act` to the frame that paints it — the task after that frame's animation-frame callbacks,
 * when its rendering is done. Every wait is on DOM mutations, not polling.
 */
export const TIME_UNTIL_PAINTED = `(act, done) => new Promise((resolve) => {
  let observer;
  const check = () => {
    if (!done()) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now() - start);
      channel.port2.postMessage(0);
    });
  };
  observer = new MutationObserver(check);
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  const start = performance.now();
  act();
  check();
})`;
