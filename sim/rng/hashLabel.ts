/** A 32-bit FNV-1a hash of `seed:label`, used to derive child seeds. Stable across versions. */
export function hashLabel(seed: number, label: string): number {
  let h = 0x811c9dc5;
  const text = `${seed}:${label}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
