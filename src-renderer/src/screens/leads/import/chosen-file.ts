import { LEAD_IMPORT_LIMITS } from '@shared/contract/leads';
import { headOfFile } from '@shared/file-head';
import { readFileAsBase64 } from '../../partners/files';

/** A file picked for import, read once: its head for the preview and its whole content for the import. */
export interface ChosenFile {
  name: string;
  size: number;
  headBase64: string;
  contentBase64: string;
  /**
   * Made once per chosen file: a double click on Start or a retry after a lost answer sends the
   * same key and gets the first import back instead of importing the file twice.
   */
  idempotencyKey: string;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode(...bytes) of 256 KiB would overflow the argument stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function readChosenFile(file: File): Promise<ChosenFile> {
  // Only the head goes to the preview, cut at a line break so no row or character is halved.
  // One byte past the limit, so headOfFile sees that the file goes on and cuts.
  const headBytes = new Uint8Array(await file.slice(0, LEAD_IMPORT_LIMITS.previewBytes + 1).arrayBuffer());
  const head = headOfFile(headBytes, LEAD_IMPORT_LIMITS.previewBytes);
  return {
    name: file.name,
    size: file.size,
    headBase64: bytesToBase64(head),
    contentBase64: await readFileAsBase64(file),
    idempotencyKey: `import-${crypto.randomUUID()}`,
  };
}
