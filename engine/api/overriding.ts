/**
 * A session handle with a few members replaced: every other member is the handle's own, methods
 * bound to it, so its state stays its own (a spread copy or a prototype child would not keep
 * `this`, nor a worker session's getters).
 */
export function overriding<H extends object>(handle: H, overrides: Partial<H>): H {
  return new Proxy(handle, {
    get(target, key) {
      if (Object.hasOwn(overrides, key)) return (overrides as Record<PropertyKey, unknown>)[key];
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}
