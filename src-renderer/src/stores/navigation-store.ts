import { create } from 'zustand';

/** The app's screens; no router: the current one lives here. */
export type Screen = 'dashboard' | 'partners' | 'staff' | 'activity';

interface NavigationState {
  screen: Screen;
  /** On the partners screen: the partner whose detail is open, or null for the list. */
  partnerId: string | null;
  /** Goes to a screen's top level (for partners: the list). */
  go(screen: Screen): void;
  openPartner(partnerId: string): void;
}

export const useNavigationStore = create<NavigationState>()((set) => ({
  screen: 'dashboard',
  partnerId: null,
  go: (screen) => set({ screen, partnerId: null }),
  openPartner: (partnerId) => set({ screen: 'partners', partnerId }),
}));
