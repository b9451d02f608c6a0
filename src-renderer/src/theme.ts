import {
  createTheme,
  darken,
  getPrimaryShade,
  lighten,
  luminance,
  type CSSVariablesResolver,
  type MantineColorsTuple,
  type MantineTheme,
} from '@mantine/core';

// A muted slate-blue: calm for a tool people look at all day, with enough contrast for focus rings.
const brand: MantineColorsTuple = [
  '#eef3fb',
  '#dce4f2',
  '#b5c7e4',
  '#8ba8d6',
  '#688dca',
  '#527dc3',
  '#4574c1',
  '#3662aa',
  '#2d5799',
  '#1f4b88',
];

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: { light: 7, dark: 5 },
  colors: { brand },
  defaultRadius: 'sm',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '600' },
  cursorType: 'pointer',
  // A ring on keyboard focus (never on a mouse click), on every focusable Mantine element.
  focusRing: 'auto',
  // Drawers, menus and notifications do not slide for people who asked the OS for less motion.
  respectReducedMotion: true,
  components: {
    Table: { defaultProps: { verticalSpacing: 'sm', highlightOnHover: true } },
    Modal: { defaultProps: { centered: true, overlayProps: { backgroundOpacity: 0.4, blur: 1 } } },
    Tooltip: { defaultProps: { openDelay: 300 } },
    // The close "×" has no text: name it, for screen readers and for axe's button-name rule.
    CloseButton: { defaultProps: { 'aria-label': 'Close' } },
  },
});

/** WCAG AA for normal-size text: most of our text is 11–14px, so the large-text 3:1 never applies. */
const AA = 4.5;

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The first candidate readable on every background; when none is, the last one darkened (or
 * lightened) in small steps until it is. Mantine's stock palettes are bright (white on orange-7
 * is 3.0:1, green-9 on green-1 3.8:1), so the theme, not each screen, picks readable shades.
 */
function readable(candidates: string[], backgrounds: string[], shift: (color: string, amount: number) => string): string {
  const ok = (color: string) => backgrounds.every((bg) => contrast(color, bg) >= AA);
  const found = candidates.find(ok);
  if (found) return found;
  const last = candidates[candidates.length - 1] ?? '#000000';
  for (let amount = 0.05; amount < 1; amount += 0.05) {
    const shifted = shift(last, amount);
    if (ok(shifted)) return shifted;
  }
  return shift(last, 1);
}

const shadesFrom = (shades: readonly string[], from: number, to: number): string[] => {
  const step = from <= to ? 1 : -1;
  const out: string[] = [];
  for (let i = from; step > 0 ? i <= to : i >= to; i += step) out.push(shades[i] as string);
  return out;
};

/**
 * Colour variables that meet WCAG AA in both schemes, layered over Mantine's defaults (which
 * MantineProvider merges underneath). Per palette: the text/outline/filled colour readable on
 * the page and under white text, and the "light" variant's text readable on its tint. Plus the
 * dimmed text colour, links and errors, and `--pd-surface-subtle` / `--pd-border-subtle` for
 * tinted panels (navbar, sign-in backdrop) and separators that used to hard-code gray-0 and
 * gray-3 and so stayed light in dark mode.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t: MantineTheme) => {
  const gray = t.colors.gray;
  const dark = t.colors.dark;
  const lightSurfaces = [t.white, gray[0], gray[1]];
  const darkSurfaces = [dark[7], dark[6], dark[8]];
  const lightShade = getPrimaryShade(t, 'light');
  const darkShade = getPrimaryShade(t, 'dark');
  const light: Record<string, string> = {
    '--mantine-color-dimmed': readable(['#5c636a'], [...lightSurfaces, gray[2]], darken),
    '--pd-surface-subtle': gray[0],
    '--pd-border-subtle': gray[3],
  };
  const darkVars: Record<string, string> = {
    '--mantine-color-dimmed': readable(['#a9a9a9'], [...darkSurfaces, dark[5]], lighten),
    '--pd-surface-subtle': dark[8],
    '--pd-border-subtle': dark[4],
  };
  const lightText: Record<string, string> = {};
  const darkText: Record<string, string> = {};

  for (const [name, shades] of Object.entries(t.colors)) {
    if (!Array.isArray(shades) || shades.length < 10) continue; // virtual colours resolve to real ones
    // Light: one strong colour serves as text on the page and as the fill under white text.
    const strong = readable(shadesFrom(shades, lightShade, 9), [...lightSurfaces, t.white], darken);
    lightText[name] = strong;
    Object.assign(light, {
      [`--mantine-color-${name}-text`]: strong,
      [`--mantine-color-${name}-filled`]: strong,
      [`--mantine-color-${name}-filled-hover`]: darken(strong, 0.12),
      [`--mantine-color-${name}-outline`]: strong,
      [`--mantine-color-${name}-light-color`]: readable([shades[9] as string], [shades[1] as string, shades[2] as string], darken),
    });
    // Dark: text light enough for the dark surfaces; fills dark enough for white text.
    const text = readable(shadesFrom(shades, 4, 0), darkSurfaces, lighten);
    const filled = readable(shadesFrom(shades, darkShade, 9), [t.white], darken);
    darkText[name] = text;
    Object.assign(darkVars, {
      [`--mantine-color-${name}-text`]: text,
      [`--mantine-color-${name}-filled`]: filled,
      [`--mantine-color-${name}-filled-hover`]: darken(filled, 0.12),
      [`--mantine-color-${name}-light-color`]: readable([shades[0] as string], [darken(shades[9] as string, 0.3)], lighten),
    });
  }

  const primary = t.primaryColor;
  Object.assign(light, {
    '--mantine-color-anchor': lightText[primary] ?? t.black,
    '--mantine-color-error': lightText.red ?? t.black,
    '--mantine-color-success': lightText.teal ?? t.black,
  });
  Object.assign(darkVars, {
    '--mantine-color-anchor': darkText[primary] ?? t.white,
    '--mantine-color-error': darkText.red ?? t.white,
    '--mantine-color-success': darkText.teal ?? t.white,
  });
  return { variables: {}, light, dark: darkVars };
};
