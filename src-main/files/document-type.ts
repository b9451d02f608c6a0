import { AppError } from '../../src-shared/contract/errors';
import { MAX_DOCUMENT_BYTES, type DocumentMimeType } from '../../src-shared/contract/partners';

/*
 * What an uploaded document really is, decided by its first bytes, never by its name or a
 * client-declared MIME type (both are whatever the uploader says). Only PDF, PNG and JPEG are
 * accepted: they are what scans and signed agreements come as, and the renderer previews them
 * without any plug-in. A name whose extension contradicts the content is refused, since it is
 * either a mistake worth telling the user about or a disguise.
 */

export interface DetectedDocumentType {
  mimeType: DocumentMimeType;
  extension: 'pdf' | 'png' | 'jpg';
}

interface Signature {
  type: DetectedDocumentType;
  magic: readonly number[];
  label: string;
  /** Extensions that name this type honestly. */
  extensions: readonly string[];
}

const SIGNATURES: readonly Signature[] = [
  { type: { mimeType: 'application/pdf', extension: 'pdf' }, magic: [0x25, 0x50, 0x44, 0x46, 0x2d], label: 'a PDF', extensions: ['pdf'] }, // "%PDF-"
  {
    type: { mimeType: 'image/png', extension: 'png' },
    magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    label: 'a PNG image',
    extensions: ['png'],
  },
  { type: { mimeType: 'image/jpeg', extension: 'jpg' }, magic: [0xff, 0xd8, 0xff], label: 'a JPEG image', extensions: ['jpg', 'jpeg'] },
];

const KNOWN_EXTENSIONS = new Set(SIGNATURES.flatMap((s) => s.extensions));
const ACCEPTED = 'Only PDF, PNG and JPEG files are accepted';

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** The extension of the last path segment, lower-case, or '' when there is none. */
function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/**
 * Throws AppError('validation') with field `contentBase64` (empty, too large, unknown content)
 * or `fileName` (the extension contradicts the content, or names an unsupported type).
 */
export function detectDocumentType(bytes: Uint8Array, declaredName: string): DetectedDocumentType {
  if (bytes.length === 0) throw new AppError('validation', 'The file is empty', 'contentBase64');
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    const mib = (bytes.length / (1024 * 1024)).toFixed(1);
    throw new AppError('validation', `The file is ${mib} MiB; documents must be at most 20 MiB`, 'contentBase64');
  }
  const signature = SIGNATURES.find((s) => startsWith(bytes, s.magic));
  if (signature === undefined) throw new AppError('validation', `${ACCEPTED}; this file is none of them`, 'contentBase64');

  const extension = extensionOf(declaredName);
  if (extension !== '' && !KNOWN_EXTENSIONS.has(extension)) {
    throw new AppError('validation', `${ACCEPTED}; a .${extension} file name does not fit`, 'fileName');
  }
  if (extension !== '' && !signature.extensions.includes(extension)) {
    throw new AppError('validation', `The file is named .${extension} but its content is ${signature.label}`, 'fileName');
  }
  return signature.type;
}

/**
 * A file name safe to store and to send back in Content-Disposition: no directories, no control
 * or reserved characters, at most 200 characters, and the extension of the detected type.
 */
export function sanitizeDocumentFileName(declaredName: string, type: DetectedDocumentType): string {
  const base = (declaredName.split(/[\\/]/).pop() ?? '')
    // Control characters are exactly what must go (header injection, terminal tricks).
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  const dot = base.lastIndexOf('.');
  const stem = (dot > 0 ? base.slice(0, dot) : base).trim().slice(0, 190) || 'document';
  return `${stem}.${type.extension}`;
}
