import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME, luminance, mergeMantineTheme } from '@mantine/core';
import { cssVariablesResolver, theme } from '../../src-renderer/src/theme';

/**
 * The theme, not each screen, keeps text readable: every palette's text, outline and filled
 * colours and its light-variant text meet WCAG AA (4.5:1) in both schemes, for every colour a
 * screen might pick, including ones no e2e screen shows today.
 */
const merged = mergeMantineTheme(DEFAULT_THEME, theme);
const resolved = cssVariablesResolver(merged);
const vars = { light: resolved.light as Record<string, string>, dark: resolved.dark as Record<string, string> };
const AA = 4.5;

function ratio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const palettes = Object.keys(merged.colors);
const { gray, dark } = merged.colors;

describe('theme colours meet WCAG AA', () => {
  it('covers every palette, the primary one included', () => {
    expect(palettes).toContain('brand');
    expect(palettes.length).toBeGreaterThanOrEqual(15);
  });

  it.each(palettes)('light: %s text/outline on the page, white on its fill, its light-variant text on its tint', (name) => {
    const v = vars.light;
    const shades = merged.colors[name]!;
    for (const surface of [merged.white, gray[0], gray[1]]) {
      expect(ratio(v[`--mantine-color-${name}-text`]!, surface)).toBeGreaterThanOrEqual(AA);
      expect(ratio(v[`--mantine-color-${name}-outline`]!, surface)).toBeGreaterThanOrEqual(AA);
    }
    expect(ratio(merged.white, v[`--mantine-color-${name}-filled`]!)).toBeGreaterThanOrEqual(AA);
    expect(ratio(v[`--mantine-color-${name}-light-color`]!, shades[1]!)).toBeGreaterThanOrEqual(AA);
  });

  it.each(palettes)('dark: %s text on the dark surfaces, white on its fill', (name) => {
    const v = vars.dark;
    for (const surface of [dark[7], dark[6], dark[8]]) expect(ratio(v[`--mantine-color-${name}-text`]!, surface)).toBeGreaterThanOrEqual(AA);
    expect(ratio(merged.white, v[`--mantine-color-${name}-filled`]!)).toBeGreaterThanOrEqual(AA);
  });

  it('dimmed text, links and errors are readable in both schemes', () => {
    for (const surface of [merged.white, gray[0], gray[1], gray[2]]) {
      for (const key of ['--mantine-color-dimmed', '--mantine-color-anchor', '--mantine-color-error']) expect(ratio(vars.light[key]!, surface), key).toBeGreaterThanOrEqual(AA);
    }
    for (const surface of [dark[7], dark[6], dark[8]]) {
      for (const key of ['--mantine-color-dimmed', '--mantine-color-anchor', '--mantine-color-error']) expect(ratio(vars.dark[key]!, surface), key).toBeGreaterThanOrEqual(AA);
    }
    // Mantine's own dimmed grey fails on white (3.3:1): the override is what makes it pass.
    expect(ratio(gray[6], merged.white)).toBeLessThan(AA);
  });
});
