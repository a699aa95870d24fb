/** A labelled search box whose text is also kept in the address (`?q=`), so a search survives reloads. */
import { useState } from 'react';
import { setQuery, useLocation } from '../router.js';
import { TextField } from './TextField.js';
import { useDebounced } from './useDebounced.js';

interface SearchFieldProps {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  onChange(value: string): void;
}

/**
 * The search box's text, starting from `?q=`, and `q`: the trimmed query it settles on once
 * the typing pauses, for the list to load.
 */
export function useSearch() {
  const { query } = useLocation();
  const [value, setValue] = useState(query.get('q') ?? '');
  const q = useDebounced(value.trim());
  return { q, field: { value, onChange: setValue } };
}

export function SearchField({ id, label, placeholder, value, onChange }: SearchFieldProps) {
  return (
    <TextField
      id={id}
      label={label}
      fieldClassName="app-field app-field-inline app-search"
      type="search"
      value={value}
      placeholder={placeholder}
      onValueChange={(text) => {
        onChange(text);
        setQuery({ q: text.trim() || null });
      }}
    />
  );
}
