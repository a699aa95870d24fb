/** A labelled search box whose text is also kept in the address (`?q=`), so a search survives reloads. */
import { setQuery } from '../router.js';

interface SearchFieldProps {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  onChange(value: string): void;
}

export function SearchField({ id, label, placeholder, value, onChange }: SearchFieldProps) {
  return (
    <div className="app-field app-field-inline app-search">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={value}
        placeholder={placeholder}
        onChange={(event) => {
          onChange(event.target.value);
          setQuery({ q: event.target.value.trim() || null });
        }}
      />
    </div>
  );
}
