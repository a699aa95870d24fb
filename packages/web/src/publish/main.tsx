import '@chatshare/react/styles.css';
import 'katex/dist/katex.min.css';
import '../styles/base.css';
import '../styles/controls.css';
import '../styles/pages.css';
import './publish.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from '../i18n/index.js';
import { SessionProvider } from '../session.js';
import { PublishPage } from './PublishPage.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <PublishPage />
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
