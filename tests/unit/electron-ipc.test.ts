import { describe, expect, it, vi } from 'vitest';
import { isTrustedSender, type FrameLike } from '../../src-main/entry/electron-sender';
import { createIpcCallHandler, registerIpc, type IpcCallEventLike } from '../../src-main/transports/ipc';
import type { Dispatch } from '../../src-main/dispatch';
import { IPC_CALL_CHANNEL } from '../../src-shared/ipc-channels';

const OURS = 'file:///app/out/renderer/index.html';
const isTrustedUrl = (url: string) => url.split('#')[0] === OURS;

const top = (url: string): FrameLike => ({ url, parent: null });
const child = (url: string, parent: FrameLike = top(OURS)): FrameLike => ({ url, parent });

describe('isTrustedSender', () => {
  it('accepts the top frame of our own page', () => {
    expect(isTrustedSender({ senderFrame: top(OURS) }, isTrustedUrl)).toBe(true);
    expect(isTrustedSender({ senderFrame: top(`${OURS}#/leads`) }, isTrustedUrl)).toBe(true);
  });

  it('refuses an iframe, even one showing our page inside our page', () => {
    expect(isTrustedSender({ senderFrame: child(OURS) }, isTrustedUrl)).toBe(false);
    expect(isTrustedSender({ senderFrame: child('https://evil.test/') }, isTrustedUrl)).toBe(false);
  });

  it('refuses a top frame that navigated elsewhere', () => {
    expect(isTrustedSender({ senderFrame: top('https://evil.test/') }, isTrustedUrl)).toBe(false);
    expect(isTrustedSender({ senderFrame: top('about:blank') }, isTrustedUrl)).toBe(false);
  });

  it('refuses a missing or destroyed frame', () => {
    expect(isTrustedSender({ senderFrame: null }, isTrustedUrl)).toBe(false);
    expect(isTrustedSender({}, isTrustedUrl)).toBe(false);
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    };
    expect(isTrustedSender({ senderFrame: disposed }, isTrustedUrl)).toBe(false);
  });
});

function fakeSender(id: number) {
  const destroyed: (() => void)[] = [];
  return {
    id,
    once: vi.fn((_event: 'destroyed', listener: () => void) => destroyed.push(listener)),
    destroy: () => destroyed.splice(0).forEach((l) => l()),
  };
}

const event = (sender: ReturnType<typeof fakeSender>, senderFrame: FrameLike | null): IpcCallEventLike => ({ sender, senderFrame });

describe('the IPC call handler', () => {
  it('never dispatches for an untrusted sender', async () => {
    const dispatch = vi.fn(async () => ({ response: { ok: true as const, result: 1 } }));
    const handle = createIpcCallHandler(dispatch as unknown as Dispatch, isTrustedUrl);
    const sender = fakeSender(1);
    for (const frame of [null, child(OURS), top('https://evil.test/')]) {
      expect(await handle(event(sender, frame), 'auth.session', {})).toEqual({ ok: false, error: { code: 'forbidden', message: 'Untrusted sender' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('keeps the session token per webContents, out of the renderer, and forgets it when the contents is destroyed', async () => {
    const calls: { name: string; token: string | null; setupCode?: string }[] = [];
    const dispatch = vi.fn(async (name: string, _input: unknown, ctx: { token: string | null; setupCode?: string }) => {
      calls.push({ name, token: ctx.token, ...(ctx.setupCode ? { setupCode: ctx.setupCode } : {}) });
      return name === 'auth.signIn' ? { response: { ok: true as const, result: 'signed in' }, token: 'tok-1' } : { response: { ok: true as const, result: 'ok' } };
    });
    const handle = createIpcCallHandler(dispatch as unknown as Dispatch, isTrustedUrl, { setupCode: 'SETUP-CODE' });
    const a = fakeSender(7);
    const b = fakeSender(8);
    await handle(event(a, top(OURS)), 'auth.session', {});
    const signedIn = await handle(event(a, top(OURS)), 'auth.signIn', {});
    expect(signedIn).toEqual({ ok: true, result: 'signed in' }); // no token in what the renderer gets
    await handle(event(a, top(OURS)), 'auth.session', {});
    await handle(event(b, top(OURS)), 'auth.session', {});
    expect(calls.map((c) => c.token)).toEqual([null, null, 'tok-1', null]);
    expect(calls.every((c) => c.setupCode === 'SETUP-CODE')).toBe(true);
    // One 'destroyed' listener per webContents, however many calls it made.
    expect(a.once).toHaveBeenCalledOnce();
    a.destroy();
    await handle(event(a, top(OURS)), 'auth.session', {});
    expect(calls.at(-1)?.token).toBeNull();
  });

  it("reports each window's session as it changes, so live updates follow sign-in, sign-out and a closed window", async () => {
    const dispatch = vi.fn(async (name: string) =>
      name === 'auth.signIn' ? { response: { ok: true as const, result: 1 }, token: 'tok-a' } : name === 'auth.signOut' ? { response: { ok: true as const, result: 1 }, token: null } : { response: { ok: true as const, result: 1 } },
    );
    const sessions: [number, string | null][] = [];
    const handle = createIpcCallHandler(dispatch as unknown as Dispatch, isTrustedUrl, { onSession: (id, token) => sessions.push([id, token]) });
    const a = fakeSender(3);
    await handle(event(a, top(OURS)), 'auth.session', {});
    await handle(event(a, top(OURS)), 'auth.signIn', {});
    await handle(event(a, top(OURS)), 'partners.list', {});
    await handle(event(a, top(OURS)), 'auth.signOut', {});
    await handle(event(a, top(OURS)), 'auth.signIn', {});
    a.destroy();
    expect(sessions).toEqual([[3, 'tok-a'], [3, null], [3, 'tok-a'], [3, null]]);
  });

  it('registers on the call channel of the ipcMain it is given', () => {
    const ipcMain = { handle: vi.fn() };
    registerIpc(ipcMain, vi.fn() as unknown as Dispatch, isTrustedUrl);
    expect(ipcMain.handle).toHaveBeenCalledWith(IPC_CALL_CHANNEL, expect.any(Function));
  });
});
