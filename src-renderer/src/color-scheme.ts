import { isMantineColorScheme, type MantineColorScheme, type MantineColorSchemeManager } from '@mantine/core';
import { useSessionStore } from './stores/session-store';

const PREFIX = 'partnerdesk.color-scheme';
/** The screens before sign-in (sign-in, set-up) show the scheme of whoever used this browser last. */
const LAST_KEY = `${PREFIX}.last`;

const keyFor = (userId: string | null) => (userId ? `${PREFIX}.user.${userId}` : LAST_KEY);

function read(key: string): MantineColorScheme | null {
  try {
    const value = window.localStorage.getItem(key);
    return isMantineColorScheme(value) ? value : null;
  } catch {
    return null; // storage disabled: fall back to the default, never break the app over a preference
  }
}

function write(key: string, value: MantineColorScheme): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // storage full or disabled: the choice lasts until reload
  }
}

/**
 * Mantine's colour-scheme store, keyed by the signed-in user: each person on a shared desktop
 * (or browser, in server mode) keeps their own light / dark / system choice. Switching user
 * pushes that user's choice into Mantine through the subscription.
 */
export function userColorSchemeManager(): MantineColorSchemeManager & { setUser(userId: string | null): void } {
  let userId: string | null = null;
  let onUpdate: ((value: MantineColorScheme) => void) | null = null;
  let onStorage: ((event: StorageEvent) => void) | null = null;

  return {
    get: (defaultValue) => read(keyFor(userId)) ?? (userId ? null : read(LAST_KEY)) ?? defaultValue,
    set: (value) => {
      write(keyFor(userId), value);
      write(LAST_KEY, value);
    },
    subscribe: (update) => {
      onUpdate = update;
      // Another window of the same user changed it: follow.
      onStorage = (event) => {
        if (event.storageArea === window.localStorage && event.key === keyFor(userId) && isMantineColorScheme(event.newValue)) update(event.newValue);
      };
      window.addEventListener('storage', onStorage);
    },
    unsubscribe: () => {
      if (onStorage) window.removeEventListener('storage', onStorage);
      onStorage = null;
      onUpdate = null;
    },
    clear: () => {
      try {
        window.localStorage.removeItem(keyFor(userId));
      } catch {
        // nothing stored, nothing to clear
      }
    },
    setUser(next) {
      if (next === userId) return;
      userId = next;
      // Signed out: keep what is on screen (the last user's choice). Signed in: that user's own, or "system".
      if (next) onUpdate?.(read(keyFor(next)) ?? 'auto');
    },
  };
}

export const colorSchemeManager = userColorSchemeManager();

// The session store is the one place that knows who is signed in.
colorSchemeManager.setUser(useSessionStore.getState().session?.user.id ?? null);
useSessionStore.subscribe((state) => colorSchemeManager.setUser(state.session?.user.id ?? null));
