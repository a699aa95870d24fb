/**
 * Entry point. The kit's dialog styles come from the package; the app's own after them. The
 * app is English-only, so the dialog is pinned to English too rather than following the browser.
 */
import '@chatshare/react/share.css';
import './styles.css';
import { ShareI18nProvider } from '@chatshare/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ShareI18nProvider locale="en">
      <App />
    </ShareI18nProvider>
  </StrictMode>,
);
