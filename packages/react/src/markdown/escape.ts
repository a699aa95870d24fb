export { escapeHtml } from '@chatshare/core';
