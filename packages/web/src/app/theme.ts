import {
  Badge,
  createTheme,
  darken,
  luminance,
  mergeThemeOverrides,
  type CSSVariablesResolver,
  type MantineColorsTuple,
  type MantineThemeOverride,
} from '@mantine/core';

/** Phones: dialogs take the whole screen below Mantine's `xs` breakpoint. */
export const PHONE_QUERY = '(max-width: 36em)';
/** Below Mantine's `sm` breakpoint (the AppShell navbar's) the header collapses into the menu. */
export const NARROW_QUERY = '(max-width: 47.99em)';

export const theme = createTheme({
  primaryColor: 'indigo',
  // a visible focus ring for keyboard users on every control
  focusRing: 'auto',
  // no sliding dialogs and menus for people who asked their system for less motion
  respectReducedMotion: true,
  components: {
    // Badges carry roles, statuses and access reasons: a table squeezing them to "Ad…" hides the
    // very thing they say, so they keep their full width and the text around them wraps instead.
    Badge: Badge.extend({ styles: { root: { minWidth: 'max-content' } } }),
  },
});

/**
 * The app's theme for the current language and screen: every dialog, drawer and toast gets a named
 * close button, a header that is not a second banner landmark (Mantine renders it as `<header>`), and on a
 * phone the whole screen, so its actions are never off-screen. Set here once rather than per dialog.
 */
export function appTheme({ closeLabel, phone }: { closeLabel: string; phone: boolean }): MantineThemeOverride {
  const dialog = {
    closeButtonProps: { 'aria-label': closeLabel },
    attributes: { header: { role: 'presentation' } },
  };
  return mergeThemeOverrides(
    theme,
    createTheme({
      components: {
        // plain objects rather than Modal.extend(): importing Modal here would put it in the initial bundle
        Modal: { defaultProps: { ...dialog, fullScreen: phone } },
        Drawer: { defaultProps: { ...dialog, ...(phone ? { size: '100%' } : {}) } },
        // toasts (notifications.show) close with a named button too
        Notification: { defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } },
        // a picker's list stays in the page next to its field (inside <main> or the dialog), not in a
        // portal at the end of <body> outside every landmark (axe-core's "region")
        Combobox: { defaultProps: { withinPortal: false, floatingStrategy: 'fixed' } },
        // a long list scrolls in the listbox itself (global.css), which assistive technology and axe-core
        // know as the combobox's popup, rather than in a scroll area around it that no key can reach
        Select: { defaultProps: { withScrollArea: false } },
      },
    }),
  );
}

/** WCAG AA for normal text, with a little room so anti-aliasing and rounding never tip it under. */
const AA = 4.55;

export function contrast(a: string, b: string): number {
  const [lighter, darker] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (lighter + 0.05) / (darker + 0.05);
}

/** The first shade from `from` on (then shade 9 darkened step by step) that reads at AA on every background. */
export function readableShade(shades: MantineColorsTuple, from: number, backgrounds: string[]): string {
  const reads = (color: string) => backgrounds.every((background) => contrast(color, background) >= AA);
  for (let shade = from; shade <= 9; shade++) if (reads(shades[shade])) return shades[shade];
  for (let amount = 0.05; amount < 1; amount += 0.05) {
    const color = darken(shades[9], amount);
    if (reads(color)) return color;
  }
  return '#000000';
}

/**
 * Mantine's light palette puts links (indigo 6), dimmed text (gray 6), light badges and white labels
 * on filled buttons at 2–4.3:1. This keeps Mantine's look but picks, per colour, the first shade that
 * reaches 4.5:1 where that colour is used as text or behind white text; components need no overrides.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const { white, colors } = t;
  const page = [white, colors.gray[0], colors.gray[1]]; // the page, striped and hovered table rows
  const light: Record<string, string> = {
    '--mantine-color-dimmed': readableShade(colors.gray, 6, page),
    '--mantine-color-anchor': readableShade(colors[t.primaryColor], 6, page),
    '--mantine-color-error': readableShade(colors.red, 6, page),
  };
  for (const [name, shades] of Object.entries(colors)) {
    // light badges, subtle buttons and active nav links: the colour as text on its own tint (2: hovered)
    light[`--mantine-color-${name}-light-color`] = readableShade(shades, 6, [...page, shades[0], shades[1], shades[2]]);
    // filled buttons and badges (white text on the colour), outlines and `c="red"` text (the colour on the page)
    const filled = readableShade(shades, 6, page);
    light[`--mantine-color-${name}-filled`] = filled;
    light[`--mantine-color-${name}-filled-hover`] = darken(filled, 0.1);
    light[`--mantine-color-${name}-outline`] = filled;
  }
  return { variables: {}, light, dark: {} };
};
