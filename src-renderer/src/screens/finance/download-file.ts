import type { ExportedFile } from '@shared/contract/payouts/finance-types';

/** Saves a file the server made (text or base64 bytes) through a Blob behind an object URL, as a download link. */
export function downloadFile(file: ExportedFile): void {
  const body = file.base64 !== undefined ? base64Bytes(file.base64) : (file.text ?? '');
  const url = URL.createObjectURL(new Blob([body], { type: file.mimeType }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = file.fileName;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The click has handed the Blob to the download already.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
