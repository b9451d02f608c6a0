import { z } from 'zod';
import { ALL_STAFF, type StaffRole } from '../roles';
import { mutation, query } from '../procedure';
import { id } from '../fields';
import { byId, isoDate, withReason } from './fields';
import { KYC_DOCUMENT_KINDS, MAX_DOCUMENT_BASE64_CHARS } from './values';
import type { PartnerDocument, PartnerDocumentContent } from './types';

/** KYC documents: upload, preview, verify, reject (services/partners/documents.ts). */

const ADMIN: readonly StaffRole[] = ['admin'];
/** Identity scans and bank proofs are personal data: the read-only viewer role sees the list, not the content. */
const DOCUMENT_READERS: readonly StaffRole[] = ['admin', 'manager', 'finance'];

export const uploadDocumentInput = z
  .object({
    partnerId: id,
    kind: z.enum(KYC_DOCUMENT_KINDS, { error: 'Choose tax form, identity, bank proof or agreement' }),
    /** Only a label: the type is sniffed from the content, the name is sanitised before storing. */
    fileName: z.string().trim().min(1, 'File name is required').max(255, 'File name must be at most 255 characters'),
    contentBase64: z
      .string()
      .min(1, 'The file is empty')
      .max(MAX_DOCUMENT_BASE64_CHARS, 'File must be at most 20 MiB')
      .pipe(z.base64({ error: 'File content is not valid base64' })),
    /** Must not be in the past (checked by the service, which knows the tenant's today). */
    expiresOn: isoDate.optional(),
  })
  .strict();

export const documentProcedures = {
  'partners.documents.list': query(z.object({ partnerId: id }).strict()).returns<PartnerDocument[]>(
    ALL_STAFF,
    "A partner's KYC documents (metadata only), newest first.",
  ),
  'partners.documents.upload': mutation(uploadDocumentInput)
    .effects('partners', 'activity')
    .returns<PartnerDocument>(ADMIN, 'Uploads a KYC document (PDF, PNG or JPEG, at most 20 MiB), stored by its SHA-256.'),
  'partners.documents.view': mutation(byId)
    .effects('activity')
    .returns<PartnerDocumentContent>(
      DOCUMENT_READERS,
      "A document's metadata and content for preview, checked against its SHA-256; every view is audited (hence a mutation).",
    ),
  'partners.documents.verify': mutation(z.object({ id, expiresOn: isoDate.optional() }).strict())
    .effects('partners', 'activity')
    .returns<PartnerDocument>(ADMIN, 'Marks a document verified (optionally setting its expiry date).'),
  'partners.documents.reject': mutation(withReason)
    .effects('partners', 'activity')
    .returns<PartnerDocument>(ADMIN, 'Rejects a document, with a reason the partner sees.'),
} as const;
