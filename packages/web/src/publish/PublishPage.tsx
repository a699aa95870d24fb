/**
 * `/publish`: another chatshare instance opened this page to publish a conversation here. The
 * page says it is ready, takes the conversation from its opener only (and only from an
 * allowed origin), and hands it to the form; until the person presses Publish it exists only
 * in this page's memory. At `/chats/upload` the same page speaks Open WebUI's handshake
 * (openwebui.ts) instead; everything after the conversation arrives is the same.
 */
import { useEffect, useState } from 'react';
import { usePageTitle } from '../components/usePageTitle.js';
import { useI18n } from '../i18n/index.js';
import { useInstanceConfig } from '../instance-config.js';
import { PublishForm } from './PublishForm.js';
import { listenForOpenWebui, OPENWEBUI_UPLOAD_PATH } from './openwebui.js';
import { listenForConversation, type Reception } from './receive.js';

/** How long to wait for the conversation before saying that nothing came. */
const SILENCE_MS = 20_000;

type State = { name: 'waiting' } | { name: 'no_opener' } | { name: 'silent' } | Exclude<Reception, { kind: 'ignored' }>;

export function PublishPage() {
  const { t } = useI18n();
  const config = useInstanceConfig();
  const [state, setState] = useState<State>({ name: 'waiting' });
  const host = window.location.host;
  const openWebui = window.location.pathname === OPENWEBUI_UPLOAD_PATH;
  usePageTitle(t('publish.title'));

  useEffect(() => {
    if (!config) return;
    if (!window.opener) {
      setState({ name: 'no_opener' });
      return;
    }
    // The first conversation from the opener wins: nothing can swap it under the person's eyes.
    const listen = openWebui ? listenForOpenWebui : listenForConversation;
    const stop = listen(config.communityPublishing.allowedOrigins, (reception) =>
      setState((previous) => ('name' in previous ? reception : previous)),
    );
    const timer = setTimeout(
      () => setState((previous) => ('name' in previous && previous.name === 'waiting' ? { name: 'silent' } : previous)),
      SILENCE_MS,
    );
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [config, openWebui]);

  let body;
  if (config === null) body = <p className="app-error">{t('publish.configFailed')}</p>;
  else if (config === undefined || ('name' in state && state.name === 'waiting')) {
    body = (
      <p className="app-loading" role="status">
        {config === undefined ? t('publish.loading') : t('publish.waiting')}
      </p>
    );
  } else if ('name' in state) {
    const key = state.name === 'no_opener' ? 'noOpener' : 'silent';
    body = <p className="app-note">{t(openWebui ? `publish.openwebui.${key}` : `publish.${key}`)}</p>;
  } else if (state.kind === 'received') {
    body = (
      <PublishForm
        origin={state.origin}
        conversation={state.conversation}
        config={config}
        {...(state.secrets ? { secrets: state.secrets } : {})}
      />
    );
  } else {
    body = (
      <div className="app-error" role="alert">
        <p>{t(state.kind === 'refused' ? 'publish.refused' : 'publish.unreadable', { origin: state.origin, host })}</p>
        {state.kind === 'unreadable' && state.reason ? <p>{t(`publish.reason.${state.reason}`)}</p> : null}
        {state.kind === 'unreadable' && state.detail ? <p className="publish-reason">{state.detail}</p> : null}
      </div>
    );
  }

  return (
    <main id="main" className="app-main publish-page">
      <p className="app-auth-brand">chatshare · {host}</p>
      <h1>{t('publish.title')}</h1>
      {body}
    </main>
  );
}
