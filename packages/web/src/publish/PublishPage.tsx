/**
 * `/publish`: another chatshare instance opened this page to publish a conversation here. The
 * page says it is ready, takes the conversation from its opener only (and only from an
 * allowed origin), and hands it to the form; until the person presses Publish it exists only
 * in this page's memory.
 */
import { useEffect, useState } from 'react';
import { usePageTitle } from '../components/usePageTitle.js';
import { useI18n } from '../i18n/index.js';
import { useInstanceConfig } from '../instance-config.js';
import { PublishForm } from './PublishForm.js';
import { listenForConversation, type Reception } from './receive.js';

/** How long to wait for the conversation before saying that nothing came. */
const SILENCE_MS = 20_000;

type State = { name: 'waiting' } | { name: 'no_opener' } | { name: 'silent' } | Exclude<Reception, { kind: 'ignored' }>;

export function PublishPage() {
  const { t } = useI18n();
  const config = useInstanceConfig();
  const [state, setState] = useState<State>({ name: 'waiting' });
  const host = window.location.host;
  usePageTitle(t('publish.title'));

  useEffect(() => {
    if (!config) return;
    if (!window.opener) {
      setState({ name: 'no_opener' });
      return;
    }
    // The first conversation from the opener wins: nothing can swap it under the person's eyes.
    const stop = listenForConversation(config.communityPublishing.allowedOrigins, (reception) =>
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
  }, [config]);

  let body;
  if (config === null) body = <p className="app-error">{t('publish.configFailed')}</p>;
  else if (config === undefined || ('name' in state && state.name === 'waiting')) {
    body = (
      <p className="app-loading" role="status">
        {config === undefined ? t('publish.loading') : t('publish.waiting')}
      </p>
    );
  } else if ('name' in state) {
    body = <p className="app-note">{t(state.name === 'no_opener' ? 'publish.noOpener' : 'publish.silent')}</p>;
  } else if (state.kind === 'received') {
    body = <PublishForm origin={state.origin} conversation={state.conversation} config={config} />;
  } else {
    body = (
      <p className="app-error" role="alert">
        {t(state.kind === 'refused' ? 'publish.refused' : 'publish.unreadable', { origin: state.origin, host })}
      </p>
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
