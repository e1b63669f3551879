/** A session's metadata items (spec §1.2: what contracts read with the `hd` import), checked. */
import { PiecrustError } from '../core/errors';
import { ARGBUF_LEN } from './host-abi';
import { checkNameLength } from './host-memory';

export class SessionMeta {
  private readonly items = new Map<string, Uint8Array>();

  get(name: string): Uint8Array | undefined {
    return this.items.get(name);
  }

  set(name: string, value: Uint8Array): Uint8Array | undefined {
    checkNameLength('metadata', name);
    if (value.length > ARGBUF_LEN) {
      throw new PiecrustError(
        'CompositeSerializerError',
        `metadata "${name}" of ${value.length} bytes exceeds ${ARGBUF_LEN}`,
        {
          len: value.length,
          max: ARGBUF_LEN,
        },
      );
    }
    const previous = this.items.get(name);
    this.items.set(name, value.slice());
    return previous;
  }

  remove(name: string): Uint8Array | undefined {
    const previous = this.items.get(name);
    this.items.delete(name);
    return previous;
  }

  names(): string[] {
    return [...this.items.keys()];
  }

  /** Every item, by name, as copies (a journal keeps them as a call saw them). */
  entries(): Array<[string, Uint8Array]> {
    return [...this.items]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => [name, value.slice()]);
  }
}
