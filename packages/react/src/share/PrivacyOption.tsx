/**
 * One choice of who can open a link: a native radio with an icon, a label and a one-line
 * description. Several with the same `name` inside a `fieldset` make the privacy radio group,
 * so arrow keys, Tab and screen readers behave as they do for any radio group.
 */
import type { SharePrivacy } from '@chatshare/client';
import { useId, type ReactNode } from 'react';
import { PRIVACY_ICONS } from './icons.js';

export interface PrivacyOptionProps {
  /** The radio group's name, shared by the options of one group. */
  name: string;
  value: SharePrivacy;
  checked: boolean;
  onChange: (value: SharePrivacy) => void;
  label: ReactNode;
  description: ReactNode;
  /** Defaults to the level's own icon. */
  icon?: ReactNode;
  disabled?: boolean;
}

export function PrivacyOption({
  name,
  value,
  checked,
  onChange,
  label,
  description,
  icon,
  disabled,
}: PrivacyOptionProps) {
  const id = useId();
  const DefaultIcon = PRIVACY_ICONS[value];
  return (
    <label className="cs-privacy-option" data-checked={checked || undefined}>
      <input
        className="cs-privacy-radio"
        type="radio"
        name={name}
        value={value}
        checked={checked}
        disabled={disabled}
        // Named by the label alone; the description is read after it rather than as part of the name.
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-description`}
        onChange={() => onChange(value)}
      />
      <span className="cs-privacy-icon">{icon ?? <DefaultIcon />}</span>
      <span className="cs-privacy-text">
        <span className="cs-privacy-label" id={`${id}-label`}>
          {label}
        </span>
        <span className="cs-privacy-description" id={`${id}-description`}>
          {description}
        </span>
      </span>
    </label>
  );
}
