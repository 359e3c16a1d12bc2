import { DEFAULT_THEME, Drawer, mergeMantineTheme, Modal } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppMantineProvider } from './AppMantineProvider';
import { I18nProvider, type Language } from './i18n/I18nProvider';
import { contrast, cssVariablesResolver, theme } from './theme';

const full = mergeMantineTheme(DEFAULT_THEME, theme);
const light = cssVariablesResolver(full).light as Record<string, string>;
const { white, colors } = full;

describe('colour contrast (WCAG AA, 4.5:1)', () => {
  it.each(Object.keys(colors))('%s reads as text on the page, on its own tint and behind white text', (name) => {
    const shades = colors[name];
    for (const background of [white, colors.gray[0], colors.gray[1], shades[0], shades[1], shades[2]])
      expect(contrast(light[`--mantine-color-${name}-light-color`], background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(light[`--mantine-color-${name}-filled`], white)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(light[`--mantine-color-${name}-outline`], white)).toBeGreaterThanOrEqual(4.5);
  });

  it('makes links, dimmed text and errors readable, which Mantine’s defaults are not', () => {
    for (const variable of ['--mantine-color-dimmed', '--mantine-color-anchor', '--mantine-color-error'])
      expect(contrast(light[variable], colors.gray[1])).toBeGreaterThanOrEqual(4.5);
    // what the issue measured: indigo 6 links and gray 6 dimmed text fall short
    expect(contrast(colors.indigo[6], white)).toBeLessThan(4.5);
    expect(contrast(colors.gray[6], white)).toBeLessThan(4.5);
  });
});

function phone(matches: boolean) {
  vi.mocked(window.matchMedia).mockImplementation(
    (query: string) =>
      ({
        matches: matches && query.includes('max-width'),
        media: query,
        onchange: null,
        addListener: vi.fn(),
        removeListener: vi.fn(),
        addEventListener: vi.fn(),
        removeEventListener: vi.fn(),
        dispatchEvent: vi.fn(),
      }) as unknown as MediaQueryList,
  );
}

function renderDialogs(language: Language = 'en') {
  return render(
    <I18nProvider initial={language}>
      <AppMantineProvider>
        <Modal opened onClose={() => {}} title="New ticket" transitionProps={{ duration: 0 }}>
          <button type="submit">Create ticket</button>
        </Modal>
        <Drawer opened onClose={() => {}} title="Account" transitionProps={{ duration: 0 }}>
          details
        </Drawer>
      </AppMantineProvider>
    </I18nProvider>,
  );
}

describe('dialogs', () => {
  afterEach(() => phone(false));

  it('name their close buttons in the portal’s language', () => {
    renderDialogs('sk');
    for (const name of ['New ticket', 'Account'])
      expect(within(screen.getByRole('dialog', { name })).getByRole('button', { name: 'Zavrieť' })).toBeInTheDocument();
  });

  it('have no banner landmark of their own (Mantine renders the title bar as <header>)', () => {
    renderDialogs();
    expect(screen.queryAllByRole('banner')).toHaveLength(0);
    expect(screen.getByRole('heading', { name: 'New ticket' })).toBeInTheDocument();
  });

  it('take the whole screen on a phone, and not on a desktop', () => {
    const desktop = renderDialogs();
    expect(screen.getByRole('dialog', { name: 'New ticket' })).not.toHaveAttribute('data-full-screen');
    desktop.unmount();
    phone(true);
    renderDialogs();
    expect(screen.getByRole('dialog', { name: 'New ticket' })).toHaveAttribute('data-full-screen', 'true');
  });
});
