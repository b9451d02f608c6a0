import { z } from 'zod';
import type { ConnectionState, ServerProbe } from '../../src-shared/bridge';
import type { Dispatch, DispatchOutcome } from '../dispatch';
import { isTrustedSender, type SenderEventLike } from '../entry/electron-sender';
import { targetOf, writeConnectionSetting, type ConnectionSetting } from './connection-settings';
import { createForwardingDispatch } from './forwarding-dispatch';
import { probeServer } from './server-probe';
import { normaliseServerUrl, type ServerTarget } from './server-target';

/**
 * The desktop's mode, as main sees it: which dispatch the windows' calls go to (local core,
 * the team server, or none yet on a first run), what the connection screen shows, and the
 * window's requests to check a server, choose a mode or retry (IPC_CONNECTION_CHANNEL, each
 * validated here). Choosing writes the setting and restarts the app, so that nothing of the
 * previous mode (sessions, the local database, the data key) stays open in the new one.
 */

export interface ConnectionDeps {
  userData: string;
  setting: ConnectionSetting;
  /** The local core's dispatch, when the setting is local. */
  localDispatch?: Dispatch;
  /** Restarts the app to apply a new setting (Electron: app.relaunch() and app.exit(0)). */
  restart(): void;
  probe?: (target: ServerTarget) => ReturnType<typeof probeServer>;
}

export interface ConnectionController {
  /** The one dispatch the IPC transport calls, whatever the mode. */
  dispatch: Dispatch;
  state(): ConnectionState;
  probe(serverUrl: string): Promise<ServerProbe>;
  choose(choice: { mode: 'local' } | { mode: 'connected'; serverUrl: string; trustFingerprint?: string }): Promise<ConnectionState | ServerProbe>;
  retry(): Promise<ConnectionState>;
}

const NOT_CHOSEN: DispatchOutcome = {
  response: { ok: false, error: { code: 'unavailable', message: 'Choose first how to use PartnerDesk: on this computer, or connected to a team server.' } },
};

/** The certificate's PEM stays in main: the window only needs the fingerprint to compare. */
function shown(probe: ServerProbe & { certificate?: unknown }): ServerProbe {
  const { certificate: _pem, ...rest } = probe;
  return rest as ServerProbe;
}

const invalidUrl = (input: string): ServerProbe => ({
  ok: false,
  reason: 'invalid_url',
  message: `“${input.slice(0, 200)}” is not a server address. Enter it as your administrator gave it, e.g. https://desk.example.com.`,
});

export function createConnectionController(deps: ConnectionDeps): ConnectionController {
  const probe = deps.probe ?? ((target: ServerTarget) => probeServer(target));
  const setting = deps.setting;
  const target = targetOf(setting);
  let status: { status: 'online' | 'unreachable' | 'version_mismatch'; message?: string } = { status: 'online' };

  const forwarding = target
    ? createForwardingDispatch(target, {
        onReachability: (reachable) => {
          if (reachable) status = { status: 'online' };
          else if (status.status === 'online') status = { status: 'unreachable', message: `Cannot reach the PartnerDesk server at ${target.serverUrl}.` };
        },
      })
    : null;

  const dispatch: Dispatch = async (name, input, call) => {
    if (setting.mode === 'local' && deps.localDispatch) return deps.localDispatch(name, input, call);
    if (forwarding) return forwarding(name, input, call);
    return NOT_CHOSEN;
  };

  const state = (): ConnectionState => {
    if (setting.mode === 'connected') return { mode: 'connected', serverUrl: setting.serverUrl, ...status };
    return { mode: setting.mode };
  };

  const applyLater = () => setTimeout(deps.restart, 50).unref();

  return {
    dispatch,
    state,
    async probe(serverUrl) {
      const url = normaliseServerUrl(serverUrl);
      if (!url) return invalidUrl(serverUrl);
      return shown(await probe({ serverUrl: url, trustedCertificate: null }));
    },
    async choose(choice) {
      if (choice.mode === 'local') {
        writeConnectionSetting(deps.userData, { mode: 'local' });
        applyLater();
        return { mode: 'local' };
      }
      const url = normaliseServerUrl(choice.serverUrl);
      if (!url) return invalidUrl(choice.serverUrl);
      let found = await probe({ serverUrl: url, trustedCertificate: null });
      let trusted: { pem: string; fingerprint: string } | null = null;
      if (!found.ok && found.reason === 'certificate' && 'certificate' in found && found.certificate && choice.trustFingerprint) {
        // Trusted only when the user compared exactly this certificate's fingerprint.
        if (found.certificate.fingerprint !== choice.trustFingerprint) {
          return { ok: false, reason: 'certificate', message: `The server at ${url} now presents another certificate than the one you compared. Check again before trusting it.`, fingerprint: found.certificate.fingerprint };
        }
        trusted = { pem: found.certificate.pem, fingerprint: found.certificate.fingerprint };
        found = await probe({ serverUrl: url, trustedCertificate: trusted });
      }
      if (!found.ok) return shown(found);
      writeConnectionSetting(deps.userData, { mode: 'connected', serverUrl: url, trustedCertificate: trusted });
      applyLater();
      return { mode: 'connected', serverUrl: url, status: 'online' };
    },
    async retry() {
      if (!target) return state();
      const found = await probe(target);
      if (found.ok) status = { status: 'online' };
      else if (found.reason === 'version_mismatch') status = { status: 'version_mismatch', message: found.message };
      else status = { status: 'unreachable', message: found.message };
      return state();
    },
  };
}

const request = z.union([
  z.object({ op: z.literal('get') }).strict(),
  z.object({ op: z.literal('probe'), serverUrl: z.string().max(2048) }).strict(),
  z.object({ op: z.literal('choose'), mode: z.literal('local') }).strict(),
  z.object({ op: z.literal('choose'), mode: z.literal('connected'), serverUrl: z.string().max(2048), trustFingerprint: z.string().max(200).optional() }).strict(),
  z.object({ op: z.literal('retry') }).strict(),
]);

export class ConnectionRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionRequestError';
  }
}

/** The IPC_CONNECTION_CHANNEL handler: a trusted window only, and only the five requests above. */
export function createConnectionIpcHandler(controller: ConnectionController, isTrustedUrl: (url: string) => boolean) {
  return async (event: SenderEventLike, raw: unknown): Promise<ConnectionState | ServerProbe> => {
    if (!isTrustedSender(event, isTrustedUrl)) throw new ConnectionRequestError('Untrusted sender');
    const parsed = request.safeParse(raw);
    if (!parsed.success) throw new ConnectionRequestError('Not a connection request');
    const r = parsed.data;
    switch (r.op) {
      case 'get':
        return controller.state();
      case 'probe':
        return controller.probe(r.serverUrl);
      case 'retry':
        return controller.retry();
      case 'choose':
        return r.mode === 'local' ? controller.choose({ mode: 'local' }) : controller.choose({ mode: 'connected', serverUrl: r.serverUrl, ...(r.trustFingerprint ? { trustFingerprint: r.trustFingerprint } : {}) });
    }
  };
}
