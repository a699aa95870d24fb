/**
 * One labelled control of the share forms: the label, the control, then its hint and its
 * error. The control is described by whichever of the two is showing and marked invalid
 * while there is an error, so every field of the kit is announced the same way.
 */
import type { ReactNode } from 'react';

/** What the control needs to be tied to its label, hint and error. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export interface FieldProps {
  /** The control's id; the hint and error ids are made from it. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Shown, and the control marked invalid, only while there is something to fix. */
  error?: ReactNode;
  /** Indented under the field it belongs to. */
  nested?: boolean;
  /** Rendered with the props that tie it to the label, hint and error. */
  children: (control: FieldControlProps) => ReactNode;
  /** A field that only makes sense with this one (shown after the hint and error). */
  followUp?: ReactNode;
}

/** The ids, skipping those not in use, as one `aria-describedby` value. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}

export function Field({ id, label, hint, error, nested, children, followUp }: FieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={nested ? 'cs-field cs-nested' : 'cs-field'}>
      <label className="cs-label" htmlFor={id}>
        {label}
      </label>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy(hint ? hintId : undefined, error ? errorId : undefined),
      })}
      {hint ? (
        <p className="cs-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="cs-field-error" id={errorId}>
          {error}
        </p>
      ) : null}
      {followUp}
    </div>
  );
}

export interface SelectFieldProps extends Omit<FieldProps, 'children' | 'error'> {
  value: string | number;
  onChange: (value: string) => void;
  disabled?: boolean;
  /** The `<option>`s. */
  children: ReactNode;
}

/** A `Field` holding a native select. */
export function SelectField({ value, onChange, disabled, children, ...field }: SelectFieldProps) {
  return (
    <Field {...field}>
      {(control) => (
        <select
          {...control}
          className="cs-input cs-select"
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
        >
          {children}
        </select>
      )}
    </Field>
  );
}
