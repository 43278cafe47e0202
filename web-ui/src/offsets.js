// offsets.js - evidence offsets are UTF-8 byte offsets into the original
// article text (docs/output.md); JavaScript strings are UTF-16. Slice the
// bytes, then decode each piece, refusing offsets that are out of range or
// fall inside a character.

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

// Split text at the given byte offsets (ascending, within the text); returns
// the pieces as strings, or null when an offset is not a character boundary.
export function splitAtBytes(text, offsets) {
  const bytes = enc.encode(text);
  const pieces = [];
  let prev = 0;
  for (const o of [...offsets, bytes.length]) {
    if (!Number.isInteger(o) || o < prev || o > bytes.length) return null;
    try {
      pieces.push(dec.decode(bytes.subarray(prev, o)));
    } catch {
      return null;
    }
    prev = o;
  }
  return pieces;
}

export function byteLength(text) {
  return enc.encode(text).length;
}
