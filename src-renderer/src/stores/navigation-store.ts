import { create } from 'zustand';

/** The app's screens; no router: the current one lives here. */
export type Screen = 'dashboard' | 'partners' | 'staff' | 'activity';

interface NavigationState {
  screen: Screen;
  go(screen: Screen): void;
}

export const useNavigationStore = create<NavigationState>()((set) => ({
  screen: 'dashboard',
  go: (screen) => set({ screen }),
}));
