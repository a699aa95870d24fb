/**
 * The share settings: who can open the link (with invited emails for private links), a
 * password, an expiry, a view limit, and the options. Controlled: the dialog owns the form state.
 */
import { LIMITS } from '@chatshare/core';
import type { SharePrivacy, ShareSettings } from '@chatshare/client';
import { useId } from 'react';
import { Checkbox } from './Checkbox.js';
import { Field, SelectField } from './Field.js';
import {
  copyChecked,
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
  /** Whether the instance lets readers save copies (`GET /api/v1/config` `copies`); the option is hidden otherwise. */
  copiesEnabled?: boolean;
  disabled?: boolean;
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
  copiesEnabled = true,
  disabled,
}: ShareSettingsFieldsProps) {
  const { t, language } = useShareI18n();
  const id = useId();
  const ids = {
    emails: `${id}-emails`,
    password: `${id}-password`,
    expiry: `${id}-expiry`,
    viewLimit: `${id}-view-limit`,
    maxViews: `${id}-max-views`,
    privacyHint: `${id}-privacy-hint`,
  };
  const restricted = privacyLevels.length < PRIVACY_LEVELS.length;

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
        <Field
          id={ids.emails}
          label={t('share.emails.label')}
          hint={t('share.emails.hint')}
          error={problems.emails ? emailsProblemText(t, problems.emails) : null}
        >
          {(control) => (
            <textarea
              {...control}
              className="cs-input cs-textarea"
              rows={3}
              value={form.emailsText}
              disabled={disabled}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => onChange({ emailsText: event.target.value })}
            />
          )}
        </Field>
      ) : null}

      <div className="cs-field">
        <Checkbox
          checked={form.passwordOn}
          disabled={disabled}
          label={t('share.password.toggle')}
          onChange={(passwordOn) => onChange({ passwordOn, password: '' })}
        />
        {form.passwordOn ? (
          <Field
            id={ids.password}
            nested
            label={t('share.password.label')}
            hint={settings?.hasPassword ? t('share.password.keep') : null}
            error={problems.password ? t('share.password.required') : null}
          >
            {(control) => (
              <input
                {...control}
                className="cs-input"
                type="password"
                autoComplete="new-password"
                maxLength={LIMITS.sharePasswordMaxLength}
                value={form.password}
                disabled={disabled}
                onChange={(event) => onChange({ password: event.target.value })}
              />
            )}
          </Field>
        ) : null}
      </div>

      <SelectField
        id={ids.expiry}
        label={t('share.expiry.label')}
        value={form.expiry}
        disabled={disabled}
        onChange={(expiry) => onChange({ expiry: expiry as ExpiryChoice })}
      >
        {settings?.expiresAt ? (
          <option value="keep">{t('share.expiry.keep', { date: formatDateTime(settings.expiresAt, language) })}</option>
        ) : null}
        {EXPIRY_CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {t(`share.expiry.${choice}`)}
          </option>
        ))}
      </SelectField>

      <SelectField
        id={ids.viewLimit}
        label={t('share.maxViews.label')}
        hint={t('share.maxViews.hint')}
        value={form.viewLimit}
        disabled={disabled}
        onChange={(viewLimit) => onChange({ viewLimit: viewLimit as ViewLimitChoice })}
        followUp={
          form.viewLimit === 'number' ? (
            <Field
              id={ids.maxViews}
              nested
              label={t('share.maxViews.count')}
              error={problems.maxViews ? t('share.maxViews.invalid', { max: problems.maxViews.max }) : null}
            >
              {(control) => (
                <input
                  {...control}
                  className="cs-input"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={LIMITS.maxViewsMax}
                  step={1}
                  value={form.maxViewsText}
                  disabled={disabled}
                  onChange={(event) => onChange({ maxViewsText: event.target.value })}
                />
              )}
            </Field>
          ) : null
        }
      >
        {VIEW_LIMIT_CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {t(`share.maxViews.${choice}`)}
          </option>
        ))}
      </SelectField>

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
        {copiesEnabled ? (
          <Checkbox
            checked={copyChecked(form)}
            label={t('share.allowCopy')}
            description={t('share.allowCopy.description')}
            onChange={(allowCopy) => onChange({ allowCopy })}
          />
        ) : null}
        <Checkbox
          checked={form.liveUpdates}
          label={t('share.liveUpdates')}
          description={t('share.liveUpdates.description')}
          onChange={(liveUpdates) => onChange({ liveUpdates })}
        />
        {settings?.liveUpdates?.held ? (
          <p className="cs-field-error" role="status">
            {settings.liveUpdates.held.reason === 'secrets'
              ? t('share.liveUpdates.heldSecrets')
              : t('share.liveUpdates.heldBranch')}
          </p>
        ) : null}
      </fieldset>
    </div>
  );
}
