/*
 * Who may talk to the main process over IPC: only our own page, in the window's top frame.
 * Not an iframe (even one of ours), not a page the window was navigated to, not a frame
 * already gone. Plain module, structurally typed, so fake events test it without Electron.
 */

export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

export interface SenderEventLike {
  /** Electron: null when the frame navigated away or was destroyed before the message was handled. */
  readonly senderFrame?: FrameLike | null;
}

export function isTrustedSender(event: SenderEventLike, isTrustedUrl: (url: string) => boolean): boolean {
  try {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    return isTrustedUrl(frame.url);
  } catch {
    // A disposed WebFrameMain throws on access: a sender that is gone is not trusted.
    return false;
  }
}
