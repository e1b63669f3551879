// Rust layout helpers for archived types (spec §7.3).

export function alignUp(x: u32, align: u32): u32 {
  return (x + align - 1) & ~(align - 1);
}
