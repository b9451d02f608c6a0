import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES } from '../../src-shared/contract/partners';
import { engines } from '../support/engines';
import { call } from '../support/actors';
import { callError } from '../support/outcomes';
import { freshSession } from '../support/sessions';
import {
  actionsOf,
  audited,
  createPartner,
  makeKycVerified,
  partnerRow,
  setUpPartnerSuite,
  unchanged,
  uploadDocument,
  type PartnerSuite,
} from '../support/partners';
import { tinyGif, tinyPdf, tinyPng } from '../support/files';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every file under <dataDir>/documents, for "nothing was stored" checks on SQLite. */
function storedFiles(dataDir: string): string[] {
  const root = join(dataDir, 'documents');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).sort();
}

/**
 * KYC documents and the KYC decision on every engine: upload, sniffing, size limit, review,
 * sign-off, rejection and tamper detection on read. The suite's clock starts on 2031-03-03
 * (UTC); expiry on a moved clock is in partners-kyc-expiry.test.ts.
 */
describe.each(engines)('partners: KYC documents on $name', (engine) => {
  let s: PartnerSuite;
  const admin = () => s.admin.token;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  it('uploads the four kinds, reviews them, signs KYC off, and only then allows approval', async () => {
    const { app, tenantId } = s;
    const partner = await createPartner(app, admin());
    const id = partner.id;
    expect(partner.kyc).toMatchObject({ status: 'not_started', missing: ['tax_form', 'identity', 'bank_proof', 'agreement'] });

    const files = {
      tax_form: { bytes: tinyPdf('W-8BEN-E'), fileName: 'W-8BEN-E.pdf' },
      identity: { bytes: tinyPng('passport scan'), fileName: 'C:\\scans\\passport.PNG' },
      bank_proof: { bytes: tinyPdf('bank letter'), fileName: '../../etc/bank<letter>.pdf' },
      agreement: { bytes: tinyPdf('signed agreement'), fileName: 'agreement' },
    } as const;
    const docs: Record<string, string> = {};
    const expectedStatus = ['submitted', 'submitted', 'submitted', 'submitted'];
    for (const [i, kind] of (['tax_form', 'identity', 'bank_proof', 'agreement'] as const).entries()) {
      const { bytes, fileName } = files[kind];
      const { result: doc, row } = await audited(
        app,
        tenantId,
        ['partner.document_uploaded'],
        () => call(app, 'partners.documents.upload', { partnerId: id, kind, fileName, contentBase64: bytes.toString('base64') }, admin()),
        id,
      );
      docs[kind] = doc.id;
      expect(doc).toMatchObject({
        partnerId: id,
        kind,
        size: bytes.length,
        sha256: sha256(bytes),
        uploadedBy: { id: s.admin.userId, name: 'Ada Admin' },
        verifiedAt: null,
        verifiedBy: null,
        rejectedAt: null,
        expiresOn: null,
      });
      expect(row?.details).toMatchObject({ documentId: doc.id, kind, sha256: doc.sha256, size: bytes.length, kycStatus: expectedStatus[i] });
      expect((await call(app, 'partners.get', { id }, admin())).kycStatus).toBe(expectedStatus[i]);
    }
    // Content sniffed, names sanitised: no directories, no reserved characters, the real extension.
    const listed = await call(app, 'partners.documents.list', { partnerId: id }, s.staff.viewer.token);
    expect(listed.map((d) => [d.kind, d.fileName, d.mimeType])).toEqual([
      ['agreement', 'agreement.pdf', 'application/pdf'],
      ['bank_proof', 'bank_letter_.pdf', 'application/pdf'],
      ['identity', 'passport.png', 'image/png'],
      ['tax_form', 'W-8BEN-E.pdf', 'application/pdf'],
    ]);
    // The bytes come back exactly, to the roles that may read documents.
    // Each view is audited: who saw which file, never the bytes.
    for (const [token, userId] of [[admin(), s.admin.userId], [s.staff.manager.token, s.staff.manager.userId], [s.staff.finance.token, s.staff.finance.userId]] as const) {
      const { result: got, row: viewed } = await audited(app, tenantId, ['partner.document_viewed'], () => call(app, 'partners.documents.view', { id: docs.identity as string }, token), id);
      expect(viewed).toMatchObject({ actorId: userId, details: { code: partner.code, documentId: docs.identity, kind: 'identity', fileName: 'passport.png' } });
      expect(Buffer.from(got.contentBase64, 'base64').equals(files.identity.bytes)).toBe(true);
      // The same document; only what the caller may do with it differs (the viewer who listed it: nothing).
      expect({ ...got.document, actions: [] }).toEqual(listed.find((d) => d.kind === 'identity'));
    }
    expect(await callError(app, 'partners.documents.view', { id: docs.identity }, s.staff.viewer.token)).toMatchObject({ code: 'forbidden' });
    expect((await call(app, 'partners.get', { id }, admin())).kyc).toMatchObject({
      status: 'submitted',
      missing: [],
      awaitingReview: ['tax_form', 'identity', 'bank_proof', 'agreement'],
    });

    // Three of four verified: the sign-off is refused and nothing is written.
    for (const kind of ['tax_form', 'identity', 'bank_proof'] as const) {
      const { result: verified, row } = await audited(app, tenantId, ['partner.document_verified'], () => call(app, 'partners.documents.verify', { id: docs[kind] as string }, admin()), id);
      expect(verified).toMatchObject({ verifiedBy: { id: s.admin.userId, name: 'Ada Admin' }, verifiedAt: expect.any(String) });
      expect(row?.details).toMatchObject({ documentId: docs[kind], kind, kycStatus: 'submitted' });
    }
    const early = await unchanged(app, () => callError(app, 'partners.kyc.verify', { id, note: 'looks fine' }, admin()));
    expect(early).toEqual({ code: 'invalid_transition', message: 'KYC cannot be signed off yet (not yet verified: agreement)' });
    expect(await unchanged(app, () => callError(app, 'partners.approve', { id }, admin()))).toMatchObject({
      code: 'invalid_transition',
      message: expect.stringMatching(/still under review/),
    });

    // An expiry date in the past is refused at verification.
    await unchanged(app, async () => {
      expect(await callError(app, 'partners.documents.verify', { id: docs.agreement, expiresOn: '2031-03-02' }, admin())).toEqual({
        code: 'validation',
        message: 'The expiry date is in the past',
        field: 'expiresOn',
      });
      expect(await callError(app, 'partners.documents.verify', { id: docs.agreement, expiresOn: '2031-02-30' }, admin())).toMatchObject({ code: 'validation', field: 'expiresOn' });
      expect(await callError(app, 'partners.documents.verify', { id: docs.agreement }, s.staff.manager.token)).toMatchObject({ code: 'forbidden' });
      expect(await callError(app, 'partners.kyc.verify', { id }, s.staff.manager.token)).toMatchObject({ code: 'forbidden' });
    });
    const { result: agreement } = await audited(app, tenantId, ['partner.document_verified'], () => call(app, 'partners.documents.verify', { id: docs.agreement as string, expiresOn: '2031-03-03' }, admin()), id);
    expect(agreement.expiresOn).toBe('2031-03-03'); // today is still valid
    expect((await call(app, 'partners.get', { id }, admin())).kycStatus).toBe('submitted'); // documents alone are not a sign-off

    const { result: verified, row } = await audited(app, tenantId, ['partner.kyc_verified'], () => call(app, 'partners.kyc.verify', { id, note: 'All checked' }, admin()), id);
    expect(verified.kyc).toEqual({
      status: 'verified',
      missing: [],
      expired: [],
      rejected: [],
      awaitingReview: [],
      decidedAt: expect.any(String),
      decidedBy: { id: s.admin.userId, name: 'Ada Admin' },
    });
    expect(verified.kycStatus).toBe('verified');
    expect(row?.details).toEqual({ code: partner.code, kycStatus: 'verified', note: 'All checked' });
    expect((await partnerRow(app, id)).kycStatus).toBe('verified');
    expect((await call(app, 'partners.list', { kycStatus: 'verified' }, admin())).rows.map((r) => r.id)).toEqual([id]);

    // With KYC verified the workspace's rule is met: a manager approves.
    const { result: approved } = await audited(app, tenantId, ['partner.approved'], () => call(app, 'partners.approve', { id }, s.staff.manager.token), id);
    expect(approved.status).toBe('active');
  });

  it('a rejected document or a KYC rejection makes KYC rejected until a new upload', async () => {
    const { app, tenantId } = s;
    const partner = await createPartner(app, admin());
    const id = partner.id;
    const docs = [];
    for (const kind of ['tax_form', 'identity', 'bank_proof', 'agreement'] as const) docs.push(await uploadDocument(app, admin(), id, kind));
    const identity = docs[1]!;

    await unchanged(app, async () => {
      expect(await callError(app, 'partners.documents.reject', { id: identity.id }, admin())).toMatchObject({ code: 'validation', field: 'reason' });
      expect(await callError(app, 'partners.documents.reject', { id: identity.id, reason: 'Blurry' }, s.staff.finance.token)).toMatchObject({ code: 'forbidden' });
    });
    const { result: rejected, row } = await audited(app, tenantId, ['partner.document_rejected'], () => call(app, 'partners.documents.reject', { id: identity.id, reason: 'Scan is unreadable' }, admin()), id);
    expect(rejected).toMatchObject({ rejectionReason: 'Scan is unreadable', rejectedBy: { id: s.admin.userId }, rejectedAt: expect.any(String), verifiedAt: null });
    expect(row?.details).toMatchObject({ documentId: identity.id, kind: 'identity', reason: 'Scan is unreadable', kycStatus: 'rejected' });
    expect((await call(app, 'partners.get', { id }, admin())).kyc).toMatchObject({ status: 'rejected', rejected: ['identity'] });
    expect((await call(app, 'partners.list', { kycStatus: 'rejected' }, admin())).rows.map((r) => r.id)).toContain(id);

    // A new identity document puts KYC back under review.
    await audited(app, tenantId, ['partner.document_uploaded'], () => uploadDocument(app, admin(), id, 'identity', { bytes: tinyPng('better scan') }), id);
    expect((await call(app, 'partners.get', { id }, admin())).kyc).toMatchObject({ status: 'submitted', rejected: [], awaitingReview: ['tax_form', 'identity', 'bank_proof', 'agreement'] });

    // The reviewer rejects KYC as a whole (reason required): rejected until the next upload.
    expect(await unchanged(app, () => callError(app, 'partners.kyc.reject', { id }, admin()))).toMatchObject({ code: 'validation', field: 'reason' });
    const { result: kycRejected, row: kycRow } = await audited(app, tenantId, ['partner.kyc_rejected'], () => call(app, 'partners.kyc.reject', { id, reason: 'Tax id does not match the register' }, admin()), id);
    expect(kycRejected.kyc).toMatchObject({ status: 'rejected', decidedBy: { id: s.admin.userId } });
    expect(kycRow?.details).toEqual({ code: partner.code, kycStatus: 'rejected', reason: 'Tax id does not match the register' });
    expect(await unchanged(app, () => callError(app, 'partners.approve', { id }, admin()))).toMatchObject({ code: 'invalid_transition', message: expect.stringMatching(/was rejected/) });
    await uploadDocument(app, admin(), id, 'tax_form');
    expect((await call(app, 'partners.get', { id }, admin())).kycStatus).toBe('submitted');
  });

  it('refuses disallowed, oversized and misnamed files, naming the field, and stores nothing', async () => {
    const { app } = s;
    const partner = await createPartner(app, admin());
    const upload = (patch: Record<string, unknown>, token = admin()) =>
      callError(app, 'partners.documents.upload', { partnerId: partner.id, kind: 'tax_form', fileName: 'form.pdf', contentBase64: tinyPdf().toString('base64'), ...patch }, token);
    const justOver = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x20);
    tinyPdf().copy(justOver); // a PDF header: only the size is wrong
    const wayOver = Buffer.alloc(MAX_DOCUMENT_BYTES + 1024 * 1024, 0x20);
    tinyPdf().copy(wayOver);
    const filesBefore = storedFiles(app.deps.dataDir);

    await unchanged(app, async () => {
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ fileName: 'pixel.gif', contentBase64: tinyGif().toString('base64') }, 'contentBase64', /Only PDF, PNG and JPEG/],
        [{ fileName: 'pixel.pdf', contentBase64: tinyGif().toString('base64') }, 'contentBase64', /Only PDF, PNG and JPEG/],
        [{ fileName: 'notes.txt', contentBase64: Buffer.from('just some text\n').toString('base64') }, 'contentBase64', /Only PDF, PNG and JPEG/],
        [{ fileName: 'big.pdf', contentBase64: justOver.toString('base64') }, 'contentBase64', /at most 20 MiB/],
        [{ fileName: 'huge.pdf', contentBase64: wayOver.toString('base64') }, 'contentBase64', /at most 20 MiB/],
        [{ fileName: 'scan.png', contentBase64: tinyPdf().toString('base64') }, 'fileName', /named \.png but its content is a PDF/],
        [{ fileName: 'scan.pdf', contentBase64: tinyPng().toString('base64') }, 'fileName', /named \.pdf but its content is a PNG/],
        [{ fileName: 'form.exe' }, 'fileName', /\.exe file name does not fit/],
        [{ contentBase64: '' }, 'contentBase64', /empty/],
        [{ contentBase64: 'not base64 at all!' }, 'contentBase64', /base64/],
        [{ fileName: '' }, 'fileName', /required/],
        [{ kind: 'selfie' }, 'kind', /Choose/],
        [{ expiresOn: '2031-03-02' }, 'expiresOn', /in the past/],
        [{ expiresOn: 'next year' }, 'expiresOn', /date/],
      ];
      for (const [patch, field, message] of cases) {
        const error = await upload(patch);
        expect({ patch: patch.fileName ?? Object.keys(patch), code: error.code, field: error.field }).toEqual({ patch: patch.fileName ?? Object.keys(patch), code: 'validation', field });
        expect(error.message).toMatch(message);
      }
      expect(await upload({}, s.staff.manager.token)).toMatchObject({ code: 'forbidden' });
      expect(await upload({ partnerId: randomUUID() })).toMatchObject({ code: 'not_found', message: 'Partner not found' });
    });
    expect(storedFiles(app.deps.dataDir)).toEqual(filesBefore);
    expect((await call(app, 'partners.get', { id: partner.id }, admin())).kycStatus).toBe('not_started');
  });

  it('detects a stored document altered outside the app, and refuses to serve it', async () => {
    const { app } = s;
    const partner = await createPartner(app, admin());
    const original = tinyPdf(`original ${randomUUID()}`);
    const doc = await uploadDocument(app, admin(), partner.id, 'agreement', { bytes: original });
    const intact = await uploadDocument(app, admin(), partner.id, 'tax_form');
    expect(doc.sha256).toBe(sha256(original));
    const forged = Buffer.from(original.toString('latin1').replace('/MediaBox [0 0 72 72]', '/MediaBox [0 0 99 99]'), 'latin1');
    expect(forged.length).toBe(original.length);

    if (app.database.engine === 'sqlite') {
      const path = join(app.deps.dataDir, 'documents', doc.sha256.slice(0, 2), doc.sha256);
      expect(existsSync(path)).toBe(true);
      writeFileSync(path, forged);
    } else {
      const updated = await app.database.raw('UPDATE document_blobs SET content = $1 WHERE sha256 = $2 RETURNING sha256', [forged, doc.sha256]);
      expect(updated).toHaveLength(1);
    }
    // Refused content is neither shown nor recorded as seen.
    const error = await unchanged(app, () => callError(app, 'partners.documents.view', { id: doc.id }, admin()));
    expect(error).toEqual({ code: 'conflict', message: expect.stringMatching(/altered or damaged/) });
    // Metadata is still listed; the untouched document is still served.
    expect((await call(app, 'partners.documents.list', { partnerId: partner.id }, admin())).map((d) => d.id)).toContain(doc.id);
    expect((await call(app, 'partners.documents.view', { id: intact.id }, admin())).document.id).toBe(intact.id);
  });

  it('left every KYC action in the trail, and the chain verifies', async () => {
    const token = await freshSession(s.app, s.admin.userId, s.tenantId);
    // Every KYC action, made here: a partner signed off, and one with a rejected document and a rejected KYC.
    await makeKycVerified(s.app, token, (await createPartner(s.app, token)).id);
    const other = await createPartner(s.app, token);
    const doc = await uploadDocument(s.app, token, other.id, 'identity', { bytes: tinyPng(`rejected ${randomUUID()}`) });
    await call(s.app, 'partners.documents.reject', { id: doc.id, reason: 'Unreadable scan' }, token);
    await call(s.app, 'partners.kyc.reject', { id: other.id, reason: 'Identity does not match' }, token);
    const actions = await actionsOf(s.app, s.tenantId);
    for (const action of ['partner.document_uploaded', 'partner.document_verified', 'partner.document_rejected', 'partner.kyc_verified', 'partner.kyc_rejected']) {
      expect(actions).toContain(action);
    }
    expect(await call(s.app, 'activity.verify', {}, token)).toMatchObject({ ok: true, problems: [] });
  });
});

/** Expiry on a moved clock: a suite of its own, since moving the clock on would void the other tests' dates. */
