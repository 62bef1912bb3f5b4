import { createTheme, DEFAULT_THEME, type CSSVariablesResolver } from '@mantine/core';

function luminance(hex: string): number {
  const channel = (i: number) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function contrastRatio(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The colour mixed with black by `amount` (0–1), as #rrggbb. */
function darker(hex: string, amount: number): string {
  const channels = [1, 3, 5].map((i) => Math.round(parseInt(hex.slice(i, i + 2), 16) * (1 - amount)));
  return `#${channels.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** The lightest darkening of `hex` that reaches `ratio` against every background given (WCAG 2.1: 4.5:1 for text). */
export function readableOn(hex: string, backgrounds: string[], ratio = 4.6): string {
  for (let amount = 0; amount < 1; amount += 0.02) {
    const candidate = darker(hex, amount);
    if (backgrounds.every((bg) => contrastRatio(candidate, bg) >= ratio)) return candidate;
  }
  return '#000000';
}

const WHITE = '#ffffff';
const STRIPE = DEFAULT_THEME.colors.gray[0];

/**
 * Mantine's default palette puts white text on shade 6 (teal: 2.55:1) and shade-9 text on shade-1 badges
 * (teal: 4.33:1). Every colour's filled, light-text, outline and text variables are darkened here just
 * enough to pass WCAG 2.1 AA (4.5:1) on white, on striped table rows and on the light badge background;
 * grey secondary text, links and errors likewise.
 */
const accessibleColors = (() => {
  const variables: Record<string, string> = {};
  for (const [name, shades] of Object.entries(DEFAULT_THEME.colors)) {
    if (name === 'dark') continue;
    const [lightBackground, lightHover, , , , , base, , , deep] = shades;
    const filled = readableOn(base, [WHITE, STRIPE]);
    const lightColor = readableOn(deep, [lightBackground, WHITE, STRIPE]);
    Object.assign(variables, {
      [`--mantine-color-${name}-filled`]: filled,
      [`--mantine-color-${name}-filled-hover`]: darker(filled, 0.15),
      [`--mantine-color-${name}-text`]: filled,
      [`--mantine-color-${name}-outline`]: filled,
      [`--mantine-color-${name}-light`]: lightBackground,
      [`--mantine-color-${name}-light-hover`]: lightHover,
      [`--mantine-color-${name}-light-color`]: lightColor,
    });
  }
  return variables;
})();

const TEAL = accessibleColors['--mantine-color-teal-filled'] ?? '#087f5b';
const RED = accessibleColors['--mantine-color-red-filled'] ?? '#c92a2a';

const resolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    ...accessibleColors,
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': TEAL,
    '--mantine-color-error': RED,
    '--mantine-color-success': TEAL,
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    // Form borders are UI components: 3:1 against the page (WCAG 1.4.11).
    '--mantine-color-default-border': 'var(--mantine-color-gray-6)',
  },
  dark: {},
});

export const cssVariablesResolver = resolver;

export const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  // Keyboard focus always shows a ring (WCAG 2.4.7); mouse clicks do not.
  focusRing: 'auto',
  // Transitions are dropped for people who asked their system for reduced motion.
  respectReducedMotion: true,
  // Icon-only buttons get a French name (WCAG 4.1.2): close crosses and clear buttons. Plain objects rather
  // than Component.extend(), so the entry chunk does not import every one of these components.
  components: {
    // A spinner announces itself as a status (its aria-label is not allowed on a bare span).
    Loader: { defaultProps: { role: 'status' } },
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Fermer' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Fermer' } } },
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Fermer la notification' } } },
    Select: { defaultProps: { clearButtonProps: { 'aria-label': 'Effacer' } } },
    MultiSelect: { defaultProps: { clearButtonProps: { 'aria-label': 'Effacer' } } },
    FileInput: { defaultProps: { clearButtonProps: { 'aria-label': 'Retirer le fichier' } } },
    Autocomplete: { defaultProps: { clearButtonProps: { 'aria-label': 'Effacer' } } },
    PasswordInput: {
      defaultProps: { visibilityToggleButtonProps: { 'aria-label': 'Afficher ou masquer le mot de passe' } },
    },
  },
});
