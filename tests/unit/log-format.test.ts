import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonLine, log, logFormatOf } from '../../src-main/log';

/**
 * The log's two formats: the human one by default (unchanged), and with
 * PARTNERDESK_LOG_FORMAT=json one JSON object per line with time, level, msg and, when an error
 * was logged, `error` as describeError prints it: the same secrets policy in both.
 */
describe('log format', () => {
  const saved = process.env.PARTNERDESK_LOG_FORMAT;
  let out: ReturnType<typeof vi.spyOn>;
  let warn: ReturnType<typeof vi.spyOn>;
  let err: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    if (saved === undefined) delete process.env.PARTNERDESK_LOG_FORMAT;
    else process.env.PARTNERDESK_LOG_FORMAT = saved;
  });

  /** A driver error as pg raises it: its message and detail carry the statement's parameters. */
  const driverError = () =>
    Object.assign(new Error('duplicate key value violates unique constraint; params: ada@acme.test,$argon2id$secret'), {
      name: 'DatabaseError',
      severity: 'ERROR',
      code: '23505',
      constraint: 'users_email_unique',
      detail: 'Key (email)=(ada@acme.test) already exists.',
    });

  it('is human by default, exactly as before', () => {
    delete process.env.PARTNERDESK_LOG_FORMAT;
    log.info('listening');
    log.warn('slow');
    log.error('failed', new TypeError('bad thing'));
    log.error('no error given');
    expect(out).toHaveBeenCalledWith('[partnerdesk] listening');
    expect(warn).toHaveBeenCalledWith('[partnerdesk] slow');
    expect(err.mock.calls[0]?.[0]).toBe('[partnerdesk] failed');
    expect(String(err.mock.calls[0]?.[1])).toMatch(/^TypeError: bad thing\n\s+at /);
    expect(err.mock.calls[1]).toEqual(['[partnerdesk] no error given', '']);
  });

  it('with PARTNERDESK_LOG_FORMAT=json writes one JSON object per line, info on stdout and warn/error on stderr', () => {
    process.env.PARTNERDESK_LOG_FORMAT = 'json';
    const before = Date.now();
    log.info('listening on "127.0.0.1"\nsecond line');
    log.warn('slow');
    log.error('failed', new TypeError('bad thing'));
    log.error('no error given');
    const lines = [out, warn, err].flatMap((spy) => spy.mock.calls.map((call: unknown[]) => {
      expect(call).toHaveLength(1); // one argument: one line, no second value appended
      return String(call[0]);
    }));
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).not.toContain('\n');
    const [info, warning, failed, bare] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(info).toEqual({ time: expect.any(String), level: 'info', msg: 'listening on "127.0.0.1"\nsecond line' });
    expect(Date.parse(String(info?.time))).toBeGreaterThanOrEqual(before - 1);
    expect(String(info?.time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(warning).toMatchObject({ level: 'warn', msg: 'slow' });
    expect(Object.keys(warning ?? {})).toEqual(['time', 'level', 'msg']);
    expect(failed).toMatchObject({ level: 'error', msg: 'failed' });
    expect(String(failed?.error)).toMatch(/^TypeError: bad thing\n\s+at /);
    expect(bare).not.toHaveProperty('error');
  });

  it('keeps the secrets policy in JSON: no driver message, and no message at all with { messages: false }', () => {
    process.env.PARTNERDESK_LOG_FORMAT = 'json';
    log.error('could not save', driverError());
    log.error('procedure failed', new Error('input said ada@acme.test'), { messages: false });
    const [driver, procedure] = err.mock.calls.map((call: unknown[]) => JSON.parse(String(call[0])) as { error: string });
    expect(driver?.error).toMatch(/^DatabaseError 23505 \(constraint users_email_unique\)/);
    expect(procedure?.error).toMatch(/^Error\n/);
    for (const call of err.mock.calls) {
      expect(String(call[0])).not.toContain('ada@acme.test');
      expect(String(call[0])).not.toContain('argon2');
    }
  });

  it('reads the setting case-insensitively; anything but json is the human format', () => {
    expect(logFormatOf('json')).toBe('json');
    expect(logFormatOf(' JSON ')).toBe('json');
    for (const value of [undefined, '', 'text', 'human', 'jsonl']) expect(logFormatOf(value)).toBe('human');
  });

  it('formats a line from its parts', () => {
    expect(jsonLine('warn', 'm', undefined, new Date('2025-01-02T03:04:05.006Z'))).toBe('{"time":"2025-01-02T03:04:05.006Z","level":"warn","msg":"m"}');
    expect(jsonLine('error', 'm', 'Error', new Date(0))).toBe('{"time":"1970-01-01T00:00:00.000Z","level":"error","msg":"m","error":"Error"}');
  });
});
