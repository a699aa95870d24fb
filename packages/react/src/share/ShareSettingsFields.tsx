/**
 * The share settings: who can open the link (with invited emails for private links), a
 * password, an expiry, a view limit, and the options. Controlled: the dialog owns the form state.
 */
import { LIMITS } from '@chatshare/core';
import type { SharePrivacy, ShareSettings } from '@chatshare/client';
import { useId, type ReactNode } from 'react';
import {
  EXPIRY_CHOICES,
  PRIVACY_LEVELS,
  VIEW_LIMIT_CHOICES,
  type ExpiryChoice,
  type FormProblems,
  type ShareFormState,
  type ViewLimitChoice,
} from './form.js';
import { formatDateTime } from './format.js';
import { useShareI18n, type ShareTranslate } from './i18n/index.js';
import { PrivacyOption } from './PrivacyOption.js';

export interface ShareSettingsFieldsProps {
  form: ShareFormState;
  onChange: (changes: Partial<ShareFormState>) => void;
  /** Shown only once the person tried to submit, so nobody is scolded mid-typing. */
  problems: FormProblems;
  /** The live link's settings, when there is one. */
  settings: ShareSettings | null;
  /** The levels the instance accepts (default all): only these are offered. */
  privacyLevels?: readonly SharePrivacy[];
  disabled?: boolean;
}

function Checkbox(props: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: ReactNode;
  description?: ReactNode;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="cs-check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={props.description ? `${id}-description` : undefined}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.description ? (
        <p className="cs-hint" id={`${id}-description`}>
          {props.description}
        </p>
      ) : null}
    </div>
  );
}

function emailsProblemText(t: ShareTranslate, problem: NonNullable<FormProblems['emails']>): string {
  if (problem.kind === 'tooMany') return t('share.emails.tooMany', { max: problem.max });
  return t('share.emails.invalid', { count: problem.entries.length, list: problem.entries.join(', ') });
}

export function ShareSettingsFields({
  form,
  onChange,
  problems,
  settings,
  privacyLevels = PRIVACY_LEVELS,
  disabled,
}: ShareSettingsFieldsProps) {
  const { t, language } = useShareI18n();
  const id = useId();
  const ids = {
    emails: `${id}-emails`,
    emailsHint: `${id}-emails-hint`,
    emailsError: `${id}-emails-error`,
    password: `${id}-password`,
    passwordHint: `${id}-password-hint`,
    passwordError: `${id}-password-error`,
    expiry: `${id}-expiry`,
    viewLimit: `${id}-view-limit`,
    viewLimitHint: `${id}-view-limit-hint`,
    maxViews: `${id}-max-views`,
    maxViewsError: `${id}-max-views-error`,
    privacyHint: `${id}-privacy-hint`,
  };
  const restricted = privacyLevels.length < PRIVACY_LEVELS.length;
  const describedBy = (...list: (string | false | undefined)[]) => list.filter(Boolean).join(' ') || undefined;

  return (
    <div className="cs-settings">
      <fieldset className="cs-fieldset" disabled={disabled} aria-describedby={restricted ? ids.privacyHint : undefined}>
        <legend className="cs-legend">{t('share.privacy.legend')}</legend>
        {restricted ? (
          <p className="cs-hint" id={ids.privacyHint}>
            {t('share.privacy.restricted')}
          </p>
        ) : null}
        <div className="cs-privacy-options">
          {privacyLevels.map((level) => (
            <PrivacyOption
              key={level}
              name={`${id}-privacy`}
              value={level}
              checked={form.privacy === level}
              onChange={(privacy) => onChange({ privacy })}
              label={t(`share.privacy.${level}`)}
              description={t(`share.privacy.${level}.description`)}
            />
          ))}
        </div>
      </fieldset>

      {form.privacy === 'private' ? (
        <div className="cs-field">
          <label className="cs-label" htmlFor={ids.emails}>
            {t('share.emails.label')}
          </label>
          <textarea
            id={ids.emails}
            className="cs-input cs-textarea"
            rows={3}
            value={form.emailsText}
            disabled={disabled}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={problems.emails ? true : undefined}
            aria-describedby={describedBy(ids.emailsHint, problems.emails && ids.emailsError)}
            onChange={(event) => onChange({ emailsText: event.target.value })}
          />
          <p className="cs-hint" id={ids.emailsHint}>
            {t('share.emails.hint')}
          </p>
          {problems.emails ? (
            <p className="cs-field-error" id={ids.emailsError}>
              {emailsProblemText(t, problems.emails)}
            </p>
          ) : null}
        </div>
      ) : null}

      <div className="cs-field">
        <Checkbox
          checked={form.passwordOn}
          disabled={disabled}
          label={t('share.password.toggle')}
          onChange={(passwordOn) => onChange({ passwordOn, password: '' })}
        />
        {form.passwordOn ? (
          <div className="cs-field cs-nested">
            <label className="cs-label" htmlFor={ids.password}>
              {t('share.password.label')}
            </label>
            <input
              id={ids.password}
              className="cs-input"
              type="password"
              autoComplete="new-password"
              maxLength={LIMITS.sharePasswordMaxLength}
              value={form.password}
              disabled={disabled}
              aria-invalid={problems.password ? true : undefined}
              aria-describedby={describedBy(
                settings?.hasPassword && ids.passwordHint,
                problems.password && ids.passwordError,
              )}
              onChange={(event) => onChange({ password: event.target.value })}
            />
            {settings?.hasPassword ? (
              <p className="cs-hint" id={ids.passwordHint}>
                {t('share.password.keep')}
              </p>
            ) : null}
            {problems.password ? (
              <p className="cs-field-error" id={ids.passwordError}>
                {t('share.password.required')}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>

      <div className="cs-field">
        <label className="cs-label" htmlFor={ids.expiry}>
          {t('share.expiry.label')}
        </label>
        <select
          id={ids.expiry}
          className="cs-input cs-select"
          value={form.expiry}
          disabled={disabled}
          onChange={(event) => onChange({ expiry: event.target.value as ExpiryChoice })}
        >
          {settings?.expiresAt ? (
            <option value="keep">
              {t('share.expiry.keep', { date: formatDateTime(settings.expiresAt, language) })}
            </option>
          ) : null}
          {EXPIRY_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {t(`share.expiry.${choice}`)}
            </option>
          ))}
        </select>
      </div>

      <div className="cs-field">
        <label className="cs-label" htmlFor={ids.viewLimit}>
          {t('share.maxViews.label')}
        </label>
        <select
          id={ids.viewLimit}
          className="cs-input cs-select"
          value={form.viewLimit}
          disabled={disabled}
          aria-describedby={ids.viewLimitHint}
          onChange={(event) => onChange({ viewLimit: event.target.value as ViewLimitChoice })}
        >
          {VIEW_LIMIT_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {t(`share.maxViews.${choice}`)}
            </option>
          ))}
        </select>
        <p className="cs-hint" id={ids.viewLimitHint}>
          {t('share.maxViews.hint')}
        </p>
        {form.viewLimit === 'number' ? (
          <div className="cs-field cs-nested">
            <label className="cs-label" htmlFor={ids.maxViews}>
              {t('share.maxViews.count')}
            </label>
            <input
              id={ids.maxViews}
              className="cs-input"
              type="number"
              inputMode="numeric"
              min={1}
              max={LIMITS.maxViewsMax}
              step={1}
              value={form.maxViewsText}
              disabled={disabled}
              aria-invalid={problems.maxViews ? true : undefined}
              aria-describedby={problems.maxViews ? ids.maxViewsError : undefined}
              onChange={(event) => onChange({ maxViewsText: event.target.value })}
            />
            {problems.maxViews ? (
              <p className="cs-field-error" id={ids.maxViewsError}>
                {t('share.maxViews.invalid', { max: problems.maxViews.max })}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>

      <fieldset className="cs-fieldset" disabled={disabled}>
        <legend className="cs-legend">{t('share.options.legend')}</legend>
        {form.privacy === 'public' ? (
          <Checkbox
            checked={form.allowIndexing}
            label={t('share.allowIndexing')}
            description={t('share.allowIndexing.description')}
            onChange={(allowIndexing) => onChange({ allowIndexing })}
          />
        ) : null}
        <Checkbox
          checked={form.showAuthor}
          label={t('share.showAuthor')}
          description={t('share.showAuthor.description')}
          onChange={(showAuthor) => onChange({ showAuthor })}
        />
        <Checkbox
          checked={form.allowEmbed}
          label={t('share.allowEmbed')}
          description={t('share.allowEmbed.description')}
          onChange={(allowEmbed) => onChange({ allowEmbed })}
        />
      </fieldset>
    </div>
  );
}
