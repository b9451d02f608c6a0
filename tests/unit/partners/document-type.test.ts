import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES, uploadDocumentInput } from '../../../src-shared/contract/partners';
import { detectDocumentType, sanitizeDocumentFileName } from '../../../src-main/files/document-type';

const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);

describe('detectDocumentType', () => {
  it('recognises PDF, PNG and JPEG by their first bytes', () => {
    expect(detectDocumentType(PDF, 'w9.pdf')).toEqual({ mimeType: 'application/pdf', extension: 'pdf' });
    expect(detectDocumentType(PNG, 'id.PNG')).toEqual({ mimeType: 'image/png', extension: 'png' });
    expect(detectDocumentType(JPEG, 'scan.jpeg')).toEqual({ mimeType: 'image/jpeg', extension: 'jpg' });
    expect(detectDocumentType(JPEG, 'scan.jpg')).toEqual({ mimeType: 'image/jpeg', extension: 'jpg' });
  });

  it('trusts content over a missing extension', () => {
    expect(detectDocumentType(PDF, 'agreement')).toEqual({ mimeType: 'application/pdf', extension: 'pdf' });
  });

  it('refuses other content, whatever the name says', () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    expect(() => detectDocumentType(zip, 'contract.pdf')).toThrow(
      expect.objectContaining({ code: 'validation', field: 'contentBase64', message: expect.stringMatching(/Only PDF, PNG and JPEG/) }),
    );
    expect(() => detectDocumentType(Buffer.from('%PD'), 'a.pdf')).toThrow(/Only PDF, PNG and JPEG/); // truncated magic
    expect(() => detectDocumentType(Buffer.from('<html>'), 'a.pdf')).toThrow(/Only PDF, PNG and JPEG/);
  });

  it('refuses a name that contradicts the content', () => {
    expect(() => detectDocumentType(PNG, 'invoice.pdf')).toThrow(
      expect.objectContaining({ field: 'fileName', message: 'The file is named .pdf but its content is a PNG image' }),
    );
    expect(() => detectDocumentType(PDF, 'payload.exe')).toThrow(expect.objectContaining({ field: 'fileName' }));
  });

  it('refuses empty and oversized files', () => {
    expect(() => detectDocumentType(Buffer.alloc(0), 'a.pdf')).toThrow('The file is empty');
    const atLimit = Buffer.alloc(MAX_DOCUMENT_BYTES);
    PDF.copy(atLimit);
    expect(detectDocumentType(atLimit, 'big.pdf').mimeType).toBe('application/pdf');
    const over = Buffer.alloc(MAX_DOCUMENT_BYTES + 1);
    PDF.copy(over);
    expect(() => detectDocumentType(over, 'big.pdf')).toThrow(/at most 20 MiB/);
  });
});

describe('sanitizeDocumentFileName', () => {
  const pdf = { mimeType: 'application/pdf', extension: 'pdf' } as const;
  it('drops directories and control characters and fixes the extension', () => {
    expect(sanitizeDocumentFileName('../../etc/passwd', pdf)).toBe('passwd.pdf');
    expect(sanitizeDocumentFileName('C:\\Users\\x\\W-9 form.PDF', pdf)).toBe('W-9 form.pdf');
    expect(sanitizeDocumentFileName('a\u0000b<c>.pdf', pdf)).toBe('a_b_c_.pdf');
    expect(sanitizeDocumentFileName('...', pdf)).toBe('document.pdf');
    expect(sanitizeDocumentFileName(`${'x'.repeat(300)}.pdf`, pdf)).toHaveLength(194);
  });
});

describe('upload input schema', () => {
  it('validates base64 and the size bound before decoding', () => {
    const base = { partnerId: 'p1', kind: 'identity', fileName: 'id.png' };
    expect(uploadDocumentInput.safeParse({ ...base, contentBase64: PNG.toString('base64') }).success).toBe(true);
    const bad = uploadDocumentInput.safeParse({ ...base, contentBase64: 'not base64!!' });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.message)).toEqual(['File content is not valid base64']);
    const kind = uploadDocumentInput.safeParse({ ...base, kind: 'passport', contentBase64: 'AAAA' });
    expect(kind.success ? [] : kind.error.issues.map((i) => i.message)).toEqual(['Choose tax form, identity, bank proof or agreement']);
    const date = uploadDocumentInput.safeParse({ ...base, contentBase64: 'AAAA', expiresOn: '31/12/2026' });
    expect(date.success ? [] : date.error.issues.map((i) => i.message)).toEqual(['Expected a date such as 2026-12-31']);
  });
});
