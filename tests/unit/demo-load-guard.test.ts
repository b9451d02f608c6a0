import { describe, expect, it } from 'vitest';
import { demoLoadRefusal, demoSignInText } from '../../src-main/demo/load-guard';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, DEMO_STAFF } from '../../src-main/demo/seed';

describe('demoLoadRefusal (npm run demo)', () => {
  it('loads into a fresh instance or one holding only the demo workspace', () => {
    expect(demoLoadRefusal({ otherWorkspaces: [], teamMode: false, force: false })).toBeNull();
  });

  it('refuses beside another workspace, naming it and how to force', () => {
    const refusal = demoLoadRefusal({ otherWorkspaces: ['Acme Partners'], teamMode: false, force: false });
    expect(refusal).toMatch(/"Acme Partners"/);
    expect(refusal).toMatch(/--force/);
    expect(refusal).toMatch(/PARTNERDESK_DATA_DIR/);
  });

  it('refuses team mode even on an empty shared database', () => {
    const refusal = demoLoadRefusal({ otherWorkspaces: [], teamMode: true, force: false });
    expect(refusal).toMatch(/DATABASE_URL/);
    expect(refusal).toMatch(/--force/);
  });

  it('gives every reason at once', () => {
    const refusal = demoLoadRefusal({ otherWorkspaces: ['A', 'B'], teamMode: true, force: false });
    expect(refusal).toMatch(/DATABASE_URL[\s\S]*the workspaces "A", "B"/);
  });

  it('loads anywhere with --force', () => {
    expect(demoLoadRefusal({ otherWorkspaces: ['Acme Partners'], teamMode: true, force: true })).toBeNull();
  });

  it('prints every demo user and the password', () => {
    const text = demoSignInText();
    for (const email of [DEMO_ADMIN_EMAIL, ...DEMO_STAFF.map((s) => s.email)]) expect(text).toContain(email);
    expect(text).toContain(DEMO_PASSWORD);
  });
});
