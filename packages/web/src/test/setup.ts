import '@testing-library/jest-dom/vitest';
import { notifications } from '@mantine/notifications';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { loadCatalogue } from '../app/i18n/catalogues';

// the German and Slovak catalogues load on demand in the app; tests render any language at once
await Promise.all([loadCatalogue('de'), loadCatalogue('sk')]);

// toasts live in a module-level store: one test's must not show up in the next
// mocked responses are async; a busy CI machine needs more than the default second
configure({ asyncUtilTimeout: 3000 });

afterEach(() => {
  cleanup();
  notifications.clean();
});

// jsdom lacks what Mantine measures with
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: vi.fn().mockImplementation((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: vi.fn(),
    removeListener: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    dispatchEvent: vi.fn(),
  })),
});
class ResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver = ResizeObserver;
window.HTMLElement.prototype.scrollIntoView = () => {};
// Mantine's autosizing Textarea listens for web fonts loading
if (!('fonts' in document))
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => {}, removeEventListener: () => {}, ready: Promise.resolve() },
  });
