/** A labelled text input in the app's field layout; what follows the input (a hint) goes in `children`. */
import type { InputHTMLAttributes, ReactNode } from 'react';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'> {
  id: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  /** The wrapper's class, for a field laid out differently. */
  fieldClassName?: string;
  children?: ReactNode;
}

export function TextField({
  id,
  label,
  value,
  onValueChange,
  fieldClassName = 'app-field',
  children,
  ...input
}: TextFieldProps) {
  return (
    <div className={fieldClassName}>
      <label htmlFor={id}>{label}</label>
      <input {...input} id={id} value={value} onChange={(event) => onValueChange(event.target.value)} />
      {children}
    </div>
  );
}
