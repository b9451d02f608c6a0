import { createTheme, type MantineColorsTuple } from '@mantine/core';

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
  components: {
    Table: { defaultProps: { verticalSpacing: 'sm', highlightOnHover: true } },
    Modal: { defaultProps: { centered: true, overlayProps: { backgroundOpacity: 0.4, blur: 1 } } },
    Tooltip: { defaultProps: { openDelay: 300 } },
  },
});
