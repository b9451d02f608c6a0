import { useEffect, useEffectEvent } from 'react';

/** The queue's single-key shortcuts, in the order the legend and the help list them. */
export const QUEUE_KEYS = [
  { key: 'j', label: 'Next lead' },
  { key: 'k', label: 'Previous lead' },
  { key: 'o', label: 'Open the lead page' },
  { key: 'x', label: 'Select / unselect' },
  { key: 'a', label: 'Approve' },
  { key: 'r', label: 'Reject with a reason' },
  { key: 'c', label: 'Mark converted' },
  { key: '?', label: 'Show the keys' },
] as const;

export type QueueKey = (typeof QUEUE_KEYS)[number]['key'];

const KEYS = new Set<string>(QUEUE_KEYS.map((k) => k.key));

/** Typing in a field (or a rich editor) is text, never a command. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    // Checkboxes and radios take no text: a key there may still be a command.
    const type = (target as HTMLInputElement).type;
    return type !== 'checkbox' && type !== 'radio' && type !== 'button';
  }
  return false;
}

/**
 * Single-key shortcuts for the review queue, on the whole window. They never fire while the user
 * types in a field, with Ctrl/Alt/Meta held (those belong to the browser and the command palette),
 * or while a dialog or menu is open (`enabled` false, and any focus inside a dialog), so "a" in the
 * reject reason is a letter and Escape in a dialog closes only the dialog.
 */
export function useQueueKeys(enabled: boolean, onKey: (key: QueueKey) => void): void {
  const fire = useEffectEvent(onKey);
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
      // Holding j/k scrolls through the list; holding a decision key must not decide twice.
      if (event.repeat && event.key !== 'j' && event.key !== 'k') return;
      if (isTyping(event.target)) return;
      if (event.target instanceof HTMLElement && event.target.closest('[role="dialog"], [role="menu"], [role="listbox"]')) return;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      // "?" is Shift+/ on most layouts; any other shifted letter is not ours.
      if (key !== '?' && event.shiftKey) return;
      if (!KEYS.has(key)) return;
      event.preventDefault();
      fire(key as QueueKey);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled]);
}
