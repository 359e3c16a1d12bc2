import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './app/global.css';
import { App } from './app/App';
import { loadCatalogue } from './app/i18n/catalogues';
import { initialLanguage } from './app/i18n/I18nProvider';

// a German or Slovak reader's first screen comes in their language, not in English for a moment
void loadCatalogue(initialLanguage())
  .catch(() => undefined) // unreachable catalogue: English, the fallback of every message
  .finally(() =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
