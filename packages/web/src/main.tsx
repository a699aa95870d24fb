import '@chatshare/react/share.css';
import '@chatshare/react/styles.css';
import './styles/base.css';
import './styles/controls.css';
// pages.css last: its small-screen rules override the others.
import './styles/links.css';
import './styles/pages.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
