import {
  type CSSVariablesResolver,
  createTheme,
  DEFAULT_THEME,
  defaultVariantColorsResolver,
  type MantineColorsTuple,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core';

/** Keeps Mantine's light shades but darkens 8 and 9, so text in these colours passes WCAG AA on white. */
function darkened(name: 'green' | 'orange' | 'yellow' | 'lime', s8: string, s9: string): MantineColorsTuple {
  const base = DEFAULT_THEME.colors[name];
  return [base[0], base[1], base[2], base[3], base[4], base[5], base[6], base[7], s8, s9];
}

/**
 * Light and subtle variants (badges, alerts, quiet buttons) draw their text in shade 9 rather than 6, which
 * keeps it above 4.5:1 against the tinted background (WCAG 1.4.3).
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const d = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return d;
  if (input.variant === 'light' || input.variant === 'subtle' || input.variant === 'outline') {
    const text = `var(--mantine-color-${parsed.color}-9)`;
    return {
      ...d,
      color: text,
      hoverColor: text,
      ...(input.variant === 'outline' ? { border: `1px solid var(--mantine-color-${parsed.color}-8)` } : {}),
    };
  }
  return d;
};

/** Shade 8 keeps white-on-primary text above 4.5:1; Mantine's default shade 6 does not. */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 8, dark: 4 },
  colors: {
    green: darkened('green', '#237a35', '#1b5e29'),
    orange: darkened('orange', '#b8480a', '#8f3a06'),
    yellow: darkened('yellow', '#8a6400', '#6b4e00'),
    lime: darkened('lime', '#4f7a0a', '#3d5f08'),
  },
  variantColorResolver,
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans TC", "PingFang TC", "Microsoft JhengHei", sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Badge: {
      defaultProps: { variant: 'light', tt: 'none' },
      styles: { root: { fontWeight: 600, flexShrink: 0, maxWidth: 'none' }, label: { overflow: 'visible' } },
    },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-indigo-8)',
  },
  dark: {},
});
