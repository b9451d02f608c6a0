import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract, PARTNER_ROLES, PROCEDURE_NAMES, type Input, type PartnerRole, type ProcedureName } from '../../src-shared/contract';
import { allowed } from '../../src-shared/contract/procedure';
import { engines, openTestApp, type TestApp } from '../support/engines';
import { call, rawCall, setUpWorkspace, STRONG_PASSWORD } from '../support/actors';
import { snapshot } from '../support/db';
import { partnerUserSession } from '../support/sessions';
import { sampleFor, type SampleContext } from '../support/samples';
import { creditFixture, importFixture, leadFixture, leadPartnerFixture, partnerFixtures, payoutFixture } from '../support/sample-fixtures';

/**
 * Malformed input for every procedure of the contract, sent through the real dispatch by a
 * signed-in admin (or, for a portal-only procedure, a portal user of a role that may call it:
 * authorisation comes before validation, so anyone else would get `forbidden`): each must come back as `validation` (naming the broken field where there is
 * one), never as a crash, and leave every table exactly as it was. Cases are derived from each
 * procedure's zod schema, so new procedures are fuzzed without writing anything here; the valid
 * base input of each comes from tests/support/samples.ts.
 */

type JsonKind = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';
const ALL_KINDS: readonly JsonKind[] = ['string', 'number', 'boolean', 'object', 'array', 'null'];

interface FieldShape {
  /** JSON kinds the field accepts; null when the schema is opaque (custom, lazy, any…). */
  kinds: Set<JsonKind> | null;
  optional: boolean;
  stringMax: number | undefined;
  /** For enums and literals: the accepted values. */
  values: readonly unknown[] | undefined;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: readonly z.ZodType[];
  entries?: Record<string, unknown>;
  values?: readonly unknown[];
}

const defOf = (schema: z.ZodType): Def => schema.def as unknown as Def;

function kindOfValue(v: unknown): JsonKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  return t === 'string' || t === 'number' || t === 'boolean' ? t : 'object';
}

function shapeOf(schema: z.ZodType): FieldShape {
  const def = defOf(schema);
  const plain = (kinds: JsonKind[]): FieldShape => ({ kinds: new Set(kinds), optional: false, stringMax: undefined, values: undefined });
  switch (def.type) {
    case 'string': {
      const max = (schema as z.ZodString).maxLength;
      return { ...plain(['string']), stringMax: max ?? undefined };
    }
    case 'number':
      return plain(['number']);
    case 'boolean':
      return plain(['boolean']);
    case 'object':
    case 'record':
      return plain(['object']);
    case 'array':
    case 'tuple':
      return plain(['array']);
    case 'null':
      return plain(['null']);
    case 'enum':
    case 'literal': {
      const values = def.type === 'enum' ? Object.values(def.entries ?? {}) : [...(def.values ?? [])];
      return { ...plain(values.map(kindOfValue)), values };
    }
    case 'optional':
    case 'default':
    case 'prefault':
      return { ...shapeOf(def.innerType as z.ZodType), optional: true };
    case 'nullable': {
      const inner = shapeOf(def.innerType as z.ZodType);
      return { ...inner, kinds: inner.kinds ? new Set([...inner.kinds, 'null']) : null };
    }
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return shapeOf(def.innerType as z.ZodType);
    case 'pipe':
      return shapeOf(def.in as z.ZodType);
    case 'union': {
      const parts = (def.options ?? []).map(shapeOf);
      const kinds = parts.some((p) => p.kinds === null) ? null : new Set(parts.flatMap((p) => [...(p.kinds ?? [])]));
      const maxes = parts.map((p) => p.stringMax).filter((m): m is number => m !== undefined);
      return { kinds, optional: parts.some((p) => p.optional), stringMax: maxes.length ? Math.max(...maxes) : undefined, values: undefined };
    }
    default:
      return { kinds: null, optional: false, stringMax: undefined, values: undefined };
  }
}

/**
 * Text no field may hold (issue 9, point 9): NUL, other C0 controls, DEL, C1 controls, and lone
 * surrogates of either half. Each is sent in every string field, top-level and nested.
 */
const BAD_TEXT: readonly (readonly [string, string])[] = [
  ['a NUL', 'ab\u0000cd'],
  ['a bell (C0)', 'ab\u0007cd'],
  ['an escape (C0)', 'ab\u001B[2Jcd'],
  ['a lone CR', 'ab\rcd'],
  ['DEL', 'ab\u007Fcd'],
  ['a C1 control', 'ab\u009Bcd'],
  ['a lone high surrogate', 'ab\uD83Dcd'],
  ['a lone low surrogate', 'ab\uDE00cd'],
  ['a high surrogate at the end', 'abcd\uD83D'],
];

const WRONG_KIND_VALUE: Record<JsonKind, unknown> = {
  string: 'fuzz',
  number: 42,
  boolean: true,
  object: { nested: 'value' },
  array: ['value'],
  null: null,
};

interface FuzzCase {
  label: string;
  input: unknown;
  /** The field the error must name (dotted when nested); null: the error concerns the whole input (no field). */
  field: string | null;
  /** Accept any field under `field` (`details` → `details.method`): which one a union names is its business. */
  orBelow?: true;
  messageIncludes?: string;
}

/** Builds a JSON object with an own `key` (a literal would set the prototype for `__proto__`). */
function withOwnKey(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const inner = JSON.stringify(base).slice(1, -1);
  return JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value)}${inner ? `,${inner}` : ''}}`) as Record<string, unknown>;
}

function casesFor(name: ProcedureName, valid: Record<string, unknown>): FuzzCase[] {
  const schema = contract[name].input as z.ZodType;
  const cases: FuzzCase[] = [];
  // The whole input is not an object.
  for (const [label, input] of [
    ['null', null],
    ['a number', 42],
    ['a string', 'input'],
    ['true', true],
    ['an empty array', []],
    ['the valid input inside an array', [valid]],
    ['a bigint', 10n],
  ] as const) {
    cases.push({ label: `input is ${label}`, input, field: null });
  }
  // Unknown keys: prototype-pollution style ones, and the tenant, actor or role a caller might try
  // to pass (they come from the session, never from input).
  for (const key of ['unexpected', '__proto__', 'constructor', 'prototype', 'tenantId', 'actorId', 'userId', 'role', 'isAdmin']) {
    if (Object.hasOwn((schema as z.ZodObject).shape ?? {}, key)) continue;
    cases.push({ label: `extra key ${key}`, input: withOwnKey(valid, key, { polluted: 'yes', isAdmin: true }), field: null, messageIncludes: key });
  }
  const shape = (schema as z.ZodObject).shape as Record<string, z.ZodType> | undefined;
  for (const [key, fieldSchema] of Object.entries(shape ?? {})) {
    const field = shapeOf(fieldSchema);
    if (!field.optional) {
      const { [key]: _dropped, ...rest } = valid;
      cases.push({ label: `${key} missing`, input: rest, field: key });
    }
    if (field.kinds) {
      for (const kind of ALL_KINDS) {
        if (!field.kinds.has(kind)) cases.push({ label: `${key} as ${kind}`, input: { ...valid, [key]: WRONG_KIND_VALUE[kind] }, field: key });
      }
      // Values a JSON body cannot carry but IPC's structured clone can.
      cases.push({ label: `${key} as bigint`, input: { ...valid, [key]: 10n }, field: key });
      if (!field.kinds.has('object')) cases.push({ label: `${key} as a Date`, input: { ...valid, [key]: new Date() }, field: key });
      if (field.kinds.has('number')) {
        for (const n of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
          cases.push({ label: `${key} as ${n}`, input: { ...valid, [key]: n }, field: key });
        }
      }
      if (field.kinds.has('string')) {
        cases.push({ label: `${key} as a very long string`, input: { ...valid, [key]: 'x'.repeat((field.stringMax ?? 100_000) + 1) }, field: key });
        for (const [what, text] of BAD_TEXT) cases.push({ label: `${key} with ${what}`, input: { ...valid, [key]: text }, field: key });
      }
      if (field.values && field.kinds.has('string')) {
        cases.push({ label: `${key} outside its values`, input: { ...valid, [key]: 'not-one-of-the-values' }, field: key });
      }
    }
  }
  // One level down: the fields of nested objects (contact, terms, sort…) and of unions of
  // objects (banking details, credentials). The error names the nested field, dotted.
  for (const [key, fieldSchema] of Object.entries(shape ?? {})) {
    const nestedValid = valid[key];
    if (typeof nestedValid !== 'object' || nestedValid === null || Array.isArray(nestedValid)) continue;
    const nestedBase = nestedValid as Record<string, unknown>;
    const withNested = (value: unknown) => ({ ...valid, [key]: value });
    cases.push({ label: `${key} with an extra key`, input: withNested({ ...nestedBase, unexpected: 'yes' }), field: key });
    cases.push({ label: `${key} with an own __proto__ key`, input: withNested(withOwnKey(nestedBase, '__proto__', { polluted: 'yes' })), field: key });
    const nestedObject = objectInside(fieldSchema);
    if (!nestedObject) {
      cases.push({ label: `${key} as an empty object`, input: withNested({}), field: key, orBelow: true });
      continue;
    }
    for (const [inner, innerSchema] of Object.entries(nestedObject.shape as Record<string, z.ZodType>)) {
      const f = shapeOf(innerSchema);
      if (!f.optional) {
        const { [inner]: _dropped, ...rest } = nestedBase;
        cases.push({ label: `${key}.${inner} missing`, input: withNested(rest), field: `${key}.${inner}` });
      }
      for (const kind of ALL_KINDS) {
        if (f.kinds && !f.kinds.has(kind)) cases.push({ label: `${key}.${inner} as ${kind}`, input: withNested({ ...nestedBase, [inner]: WRONG_KIND_VALUE[kind] }), field: `${key}.${inner}` });
      }
      if (f.kinds?.has('string')) {
        cases.push({ label: `${key}.${inner} as a very long string`, input: withNested({ ...nestedBase, [inner]: 'x'.repeat((f.stringMax ?? 100_000) + 1) }), field: `${key}.${inner}` });
        for (const [what, text] of BAD_TEXT) cases.push({ label: `${key}.${inner} with ${what}`, input: withNested({ ...nestedBase, [inner]: text }), field: `${key}.${inner}` });
      }
    }
  }
  return cases;
}

/** The z.object inside optional/default/prefault/nullable/pipe wrappers, if that is what the field is. */
function objectInside(schema: z.ZodType): z.ZodObject | null {
  const def = defOf(schema);
  if (def.type === 'object') return schema as z.ZodObject;
  if (['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(def.type)) return objectInside(def.innerType as z.ZodType);
  if (def.type === 'pipe') return objectInside(def.in as z.ZodType);
  return null;
}

describe('input fuzz (sqlite, as admin)', () => {
  const sqlite = engines.find((e) => e.name === 'sqlite');
  if (!sqlite) throw new Error('the sqlite engine is always available');
  let app: TestApp;
  let token = '';
  let portalUserIds: Record<PartnerRole, string> | undefined;
  let ctx: SampleContext;
  let counter = 0;

  beforeAll(async () => {
    app = await openTestApp(sqlite);
    const admin = await setUpWorkspace(app);
    token = admin.token;
    const target = await call(app, 'staff.add', { name: 'Tess Target', email: 'target@acme.test', role: 'viewer', password: STRONG_PASSWORD }, token);
    const unique = () => `F${++counter}`;
    const create = <N extends ProcedureName>(n: N, input: Input<N>) => call(app, n, input, token);
    const partnerRows = await partnerFixtures(create, unique);
    const leadPartner = await leadPartnerFixture(create, unique);
    const { leadPartnerId } = leadPartner;
    portalUserIds = leadPartner.portalUserIds;
    const lead = await leadFixture(create, leadPartnerId, unique);
    const imported = await importFixture(create, leadPartnerId, unique);
    const credit = await creditFixture(create, leadPartnerId, unique);
    const payout = await payoutFixture(create, leadPartnerId, unique);
    ctx = { tenantId: admin.tenantId, targetUserId: target.userId, signInEmail: 'ada@acme.test', unique, ...partnerRows, leadPartnerId, ...lead, ...imported, ...credit, ...payout };
  });
  afterAll(async () => {
    await app?.services.payouts.whenRunsSettled();
    await app?.dispose();
  });

  it('the case generator understands every field of every input schema', () => {
    // Guards against the fuzz silently producing nothing (a zod upgrade, an opaque field type).
    for (const name of PROCEDURE_NAMES) {
      const shape = ((contract[name].input as z.ZodType).def as unknown as Def).type === 'object' ? (contract[name].input as z.ZodObject).shape : null;
      expect(shape, `${name}: the input must be a z.object`).not.toBeNull();
      for (const [key, fieldSchema] of Object.entries(shape ?? {})) {
        expect(shapeOf(fieldSchema as z.ZodType).kinds, `${name}.${key}: unknown schema type; teach shapeOf() about it`).not.toBeNull();
      }
    }
    const staffAdd = casesFor('staff.add', { name: 'N', email: 'n@x.test', role: 'viewer', password: 'p' }).map((c) => c.label);
    expect(staffAdd).toEqual(expect.arrayContaining(['email missing', 'email as number', 'role outside its values', 'password as a very long string', 'extra key __proto__', 'input is null']));
    const nested = casesFor('activity.list', {}).length; // no nested objects, nothing present: only whole-input and extra-key cases
    expect(nested).toBeGreaterThan(10);
  });

  it.each(PROCEDURE_NAMES)('%s refuses malformed input and writes nothing', async (name) => {
    const sample = sampleFor(name);
    if (!sample) throw new Error(`${name} has no sample input in tests/support/samples.ts`);
    const valid = sample.input(ctx) as Record<string, unknown>;
    expect(contract[name].input.safeParse(valid).success, `the sample for ${name} must be valid`).toBe(true);
    const cases = casesFor(name, valid);
    const access = contract[name].access;
    const portalRole = PARTNER_ROLES.find((role) => allowed(access, role));
    const caller = allowed(access, 'admin') || !portalRole ? token : await partnerUserSession(app, portalUserIds?.[portalRole] ?? '', ctx.tenantId);
    const before = await snapshot(app.database);
    for (const c of cases) {
      const outcome = await rawCall(app, name, c.input, caller);
      expect(outcome.response, `${name}: ${c.label}`).toMatchObject({ ok: false, error: { code: 'validation' } });
      if (outcome.response.ok) continue;
      const field = outcome.response.error.field;
      const below = c.orBelow === true && c.field !== null && field?.startsWith(`${c.field}.`) === true;
      if (!below) expect(field, `${name}: ${c.label} names the wrong field`).toBe(c.field ?? undefined);
      if (c.messageIncludes) expect(outcome.response.error.message, `${name}: ${c.label}`).toContain(c.messageIncludes);
      expect(outcome.token, `${name}: ${c.label} must not touch the session`).toBeUndefined();
    }
    expect(await snapshot(app.database), `${name}: a refused input changed the database`).toEqual(before);
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('isAdmin');
  });

  it('an unknown procedure name is not_found, whatever it looks like', async () => {
    const before = await snapshot(app.database);
    const names = ['nope', '', 'auth', 'auth.signin', 'AUTH.SIGNIN', ' auth.signIn', 'auth.signIn ', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'staff.add.extra', '../auth.signIn', 'x'.repeat(10_000)];
    for (const name of names) {
      const outcome = await rawCall(app, name, {}, token);
      expect(outcome.response, JSON.stringify(name.slice(0, 40))).toMatchObject({ ok: false, error: { code: 'not_found' } });
      if (!outcome.response.ok) expect(outcome.response.error.message.length).toBeLessThan(120);
    }
    expect(await snapshot(app.database)).toEqual(before);
  });

  it('no input at all (undefined) counts as an empty object, as IPC sends for a call without arguments', async () => {
    const outcome = await rawCall(app, 'staff.list', undefined, token);
    expect(outcome.response.ok).toBe(true);
  });

  it('a prototype-pollution payload in a valid call is refused and pollutes nothing', async () => {
    const before = await snapshot(app.database);
    const payload = JSON.parse(
      '{"name":"Mallory","email":"mallory@acme.test","role":"viewer","password":"orbit lantern cobalt meadow 7","__proto__":{"role":"admin","isAdmin":true}}',
    ) as unknown;
    const outcome = await rawCall(app, 'staff.add', payload, token);
    expect(outcome.response).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('__proto__') } });
    const nested = JSON.parse('{"userId":"x","role":"viewer","constructor":{"prototype":{"isAdmin":true}}}') as unknown;
    expect((await rawCall(app, 'staff.changeRole', nested, token)).response).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await snapshot(app.database)).toEqual(before);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });
});
