/**
 * Why a chat could not be sent to chatshare, in words that point at the fix. Branches on the
 * error's stable `code` (see @chatshare/client's README), never on its message.
 */
import type { ChatshareError } from '@chatshare/client';

export function describeSyncError(error: ChatshareError): string {
  switch (error.code) {
    case 'network_error':
      return 'This app’s server could not be reached. Check your connection and try again.';
    case 'invalid_api_token':
    case 'unauthenticated':
      return 'chatshare refused this app’s API token. Create a new one and restart the app with CHATSHARE_TOKEN set to it.';
    case 'rate_limited':
      return `chatshare asks to wait${error.retryAfter ? ` ${error.retryAfter} seconds` : ''} before sharing again.`;
    case 'payload_too_large':
      return 'This chat is too large for chatshare.';
    case 'http_error':
      // The proxy answers for chatshare when it cannot reach it (wrong CHATSHARE_URL, server down).
      return `chatshare did not answer (HTTP ${error.status}). Is it running at CHATSHARE_URL?`;
    default:
      return `chatshare did not accept this chat: ${error.message} (${error.code})`;
  }
}

export function SyncError({ error, onDismiss }: { error: ChatshareError; onDismiss: () => void }) {
  return (
    <div className="sync-error" role="alert">
      <p>
        <strong>Could not share yet.</strong> {describeSyncError(error)}
      </p>
      <button type="button" className="button button-quiet" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
