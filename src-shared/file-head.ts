/*
 * Shared by the renderer (which sends only the head of a large file for the import preview) and
 * the service (which reads the same head from a whole file).
 */

/**
 * The head of a file for the preview, cut after its last complete line so neither decoding nor
 * parsing sees half a character or half a row. (0x0A is never part of a multi-byte UTF-8
 * sequence, nor a Windows-1252 letter.)
 */
export function headOfFile(bytes: Uint8Array, maxBytes: number): Uint8Array {
  if (bytes.length <= maxBytes) return bytes;
  const head = bytes.subarray(0, maxBytes);
  const lastLineEnd = head.lastIndexOf(0x0a);
  return lastLineEnd > 0 ? head.subarray(0, lastLineEnd + 1) : head;
}
