import type { CallResult } from './contract/errors';
import type { ChangeEvent } from './live';

/**
 * The one API the preload exposes to the renderer as `window.partnerDesk` (Electron only).
 * `call` reaches a single IPC channel; main checks the sender, that the name is a procedure of
 * the contract, and validates the input before anything runs. In server mode (browser) this
 * object is absent and the renderer posts to `/api/<procedure>` instead.
 */
export interface PartnerDeskBridge {
  readonly platform: 'electron';
  call(procedure: string, input: unknown): Promise<CallResult<unknown>>;
  /** Opens the native file dialog in main; resolves to null when cancelled. */
  pickFile(options: { title: string; extensions: string[] }): Promise<PickedFile | null>;
  /** Live updates pushed by main (local: in process; connected: the server's event stream). Returns dispose. */
  onChange(listener: (event: ChangeEvent) => void): () => void;
  /** How this desktop is set up: local data, or connected to a team server. */
  connection: ConnectionBridge;
}

export interface PickedFile {
  name: string;
  mimeType: string;
  /** Base64 of the file's bytes. */
  contentBase64: string;
}

/**
 * The desktop's mode. `unset` on first run: the renderer asks "Use on this computer" or
 * "Connect to a team server" before anything else. Changing it restarts the app's core in main.
 */
export type ConnectionState =
  | { mode: 'unset' }
  | { mode: 'local' }
  | { mode: 'connected'; serverUrl: string; status: 'online' | 'unreachable' | 'version_mismatch'; message?: string };

/** What checking a server URL found, before the desktop commits to it. */
export type ServerProbe =
  | { ok: true; serverUrl: string; serverVersion: string }
  /**
   * `certificate`: the server's certificate is not trusted by this computer (self-signed, unknown
   * authority); `fingerprint` (SHA-256, hex with colons) is what the user compares before trusting it.
   */
  | { ok: false; reason: 'invalid_url' | 'unreachable' | 'not_partnerdesk' | 'version_mismatch' | 'certificate'; message: string; fingerprint?: string };

export interface ConnectionBridge {
  get(): Promise<ConnectionState>;
  /** Checks a URL without changing anything. */
  probe(serverUrl: string): Promise<ServerProbe>;
  /**
   * Switches mode (after a successful probe for `connected`); `trustFingerprint` accepts exactly
   * that certificate for that server. Resolves to the new state, or to a failed probe.
   */
  choose(choice: { mode: 'local' } | { mode: 'connected'; serverUrl: string; trustFingerprint?: string }): Promise<ConnectionState | ServerProbe>;
  /** Tries an unreachable server again. */
  retry(): Promise<ConnectionState>;
}
