import type { CallResult } from './contract/errors';

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
}

export interface PickedFile {
  name: string;
  mimeType: string;
  /** Base64 of the file's bytes. */
  contentBase64: string;
}
