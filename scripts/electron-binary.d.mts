/** Types for electron-binary.mjs (plain JS, shared by npm start and the Electron smoke test). */
export function electronBinary(): { path: string | null; reason: string | null };
export function hasDisplay(): boolean;
