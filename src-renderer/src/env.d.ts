import type { PartnerDeskBridge } from '@shared/bridge';

declare global {
  interface Window {
    /** Present only inside Electron (exposed by the preload); absent in server/browser mode. */
    readonly partnerDesk?: PartnerDeskBridge;
  }
}

export {};
