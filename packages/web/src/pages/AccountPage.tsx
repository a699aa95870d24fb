/**
 * Account: who I am and the name my links may show, the app's language, and API tokens
 * (made with a name, shown once, revoked).
 */
import type { ApiToken, CreatedApiToken, User } from '@chatshare/client';
import { LIMITS } from '@chatshare/core';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { attempt, client, type Failure } from '../api.js';
import { Confirm } from '../components/Confirm.js';
import { CopyButton } from '../components/CopyButton.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Notice } from '../components/Notice.js';
import { Page } from '../components/Page.js';
import { TextField } from '../components/TextField.js';
import { LANGUAGES, useI18n, type Language } from '../i18n/index.js';
import { useSession } from '../session.js';

export function AccountPage() {
  const { t } = useI18n();
  const { user } = useSession();
  return (
    <Page id="account" title={t('account.title')} verifyBanner>
      {user ? (
        <section className="app-card" aria-labelledby="profile-heading">
          <h2 id="profile-heading">{t('account.profile')}</h2>
          <dl className="app-facts">
            <div>
              <dt>{t('auth.email')}</dt>
              <dd>
                {user.email}{' '}
                <span className={`app-badge ${user.emailVerified ? 'app-badge-ok' : 'app-badge-warn'}`}>
                  {user.emailVerified ? t('account.verified') : t('account.unverified')}
                </span>
              </dd>
            </div>
          </dl>
          <NameForm user={user} />
        </section>
      ) : null}
      <LanguageCard />
      <TokensCard />
    </Page>
  );
}

/** The display name: set, changed or cleared (an empty field); links read it when viewed. */
function NameForm({ user }: { user: User }) {
  const { t } = useI18n();
  const { setUser } = useSession();
  const ids = { name: useId(), hint: useId() };
  const [name, setName] = useState(user.name ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Failure | null>(null);
  const [notice, setNotice] = useState('');
  const unchanged = name.trim() === (user.name ?? '');

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || unchanged) return;
    setBusy(true);
    setError(null);
    setNotice('');
    const result = await attempt(() => client.updateMe({ name }));
    setBusy(false);
    if (!result.ok) return setError(result.error);
    const saved = result.value.user;
    setUser(saved);
    setName(saved.name ?? '');
    // The name stays out of the sentence: i18next would read `{{…}}` typed in it as a placeholder.
    setNotice(saved.name ? t('account.nameSaved') : t('account.nameCleared'));
  };

  return (
    <>
      <form className="app-inline-form" onSubmit={(event) => void save(event)}>
        <TextField
          id={ids.name}
          label={t('account.name')}
          fieldClassName="app-field app-field-grow"
          name="name"
          autoComplete="name"
          value={name}
          maxLength={LIMITS.displayNameLength}
          aria-describedby={ids.hint}
          aria-invalid={error?.code === 'validation_failed' || undefined}
          onValueChange={setName}
        />
        <button type="submit" className="app-button app-button-primary" aria-disabled={busy || unchanged || undefined}>
          {busy ? t('common.working') : t('account.saveName')}
        </button>
      </form>
      <p id={ids.hint} className="app-hint">
        {t('account.nameHint')}
      </p>
      <Notice text={notice} />
      <ErrorMessage error={error} />
    </>
  );
}

function LanguageCard() {
  const { t, language, setLanguage } = useI18n();
  const id = useId();
  return (
    <section className="app-card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('account.language')}</h2>
      <div className="app-field app-field-inline">
        <label htmlFor={id}>{t('account.languageLabel')}</label>
        <select id={id} value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
          {LANGUAGES.map((value) => (
            <option key={value} value={value} lang={value}>
              {t(`language.${value}`)}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}

function TokensCard() {
  const { t, formatDate } = useI18n();
  const ids = { heading: useId(), name: useId(), created: useId() };
  const [tokens, setTokens] = useState<ApiToken[] | null>(null);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [error, setError] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const secretField = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    const result = await attempt(() => client.tokens.list());
    if (result.ok) setTokens(result.value.items);
    else setError(result.error);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (created) secretField.current?.focus();
  }, [created]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !name.trim()) return;
    setBusy(true);
    setError(null);
    setNotice('');
    const result = await attempt(() => client.tokens.create({ name: name.trim() }));
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setCreated(result.value);
    setName('');
    await load();
  };

  const revoke = async (token: ApiToken) => {
    setError(null);
    const result = await attempt(() => client.tokens.revoke(token.id));
    if (!result.ok) return setError(result.error);
    if (created?.apiToken.id === token.id) setCreated(null);
    setNotice(t('tokens.revoked', { name: token.name }));
    await load();
  };

  return (
    <section className="app-card" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t('tokens.title')}</h2>
      <p className="app-hint">{t('tokens.intro')}</p>
      <form className="app-inline-form" onSubmit={(event) => void create(event)}>
        <TextField
          id={ids.name}
          label={t('tokens.name')}
          fieldClassName="app-field app-field-grow"
          value={name}
          maxLength={LIMITS.tokenNameLength}
          placeholder={t('tokens.namePlaceholder')}
          onValueChange={setName}
        />
        <button
          type="submit"
          className="app-button app-button-primary"
          aria-disabled={busy || !name.trim() || undefined}
        >
          {busy ? t('common.working') : t('tokens.create')}
        </button>
      </form>
      {created ? (
        <div className="app-secret" role="region" aria-labelledby={ids.created}>
          <p id={ids.created}>
            <strong>{t('tokens.createdTitle', { name: created.apiToken.name })}</strong> {t('tokens.shownOnce')}
          </p>
          <div className="app-inline-form">
            <input
              ref={secretField}
              className="app-mono"
              readOnly
              value={created.token}
              aria-label={t('tokens.secret')}
              onFocus={(event) => event.currentTarget.select()}
            />
            <CopyButton text={created.token} label={t('tokens.copy')} />
            <button type="button" className="app-button app-button-quiet" onClick={() => setCreated(null)}>
              {t('tokens.hide')}
            </button>
          </div>
        </div>
      ) : null}
      <Notice text={notice} />
      <ErrorMessage error={error} />
      {tokens === null ? (
        <p className="app-muted">{t('common.loading')}</p>
      ) : tokens.length === 0 ? (
        <p className="app-empty">{t('tokens.none')}</p>
      ) : (
        <ul className="app-list" aria-label={t('tokens.title')}>
          {tokens.map((token) => (
            <li key={token.id} className="app-row">
              <div className="app-row-main">
                <span className="app-row-title">{token.name}</span>
                <p className="app-row-meta">
                  <span className="app-mono">…{token.hint}</span> ·{' '}
                  {t('tokens.createdOn', { date: formatDate(token.createdAt) })} ·{' '}
                  {token.lastUsedAt
                    ? t('tokens.lastUsed', { date: formatDate(token.lastUsedAt, true) })
                    : t('tokens.neverUsed')}
                </p>
              </div>
              <div className="app-row-actions">
                <Confirm
                  label={t('tokens.revoke')}
                  ariaLabel={t('tokens.revokeNamed', { name: token.name })}
                  question={t('tokens.revokeQuestion')}
                  confirmLabel={t('tokens.revokeConfirm')}
                  onConfirm={() => revoke(token)}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
