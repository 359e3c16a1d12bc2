import { TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { SEARCH_DEBOUNCE_MS } from './SearchSelect';

/**
 * A search box that reports its trimmed text once typing pauses. `value` is the search in effect
 * (e.g. from the URL): when it changes elsewhere (the browser's back button), the box follows.
 */
export function SearchInput({ label, value, onSearch }: { label: string; value: string; onSearch: (search: string) => void }) {
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  const [debounced] = useDebouncedValue(draft.trim(), SEARCH_DEBOUNCE_MS);
  const latest = useRef({ value, onSearch });
  latest.current = { value, onSearch };

  useEffect(() => {
    if (debounced !== latest.current.value) latest.current.onSearch(debounced);
  }, [debounced]);

  if (value !== shown) {
    setShown(value);
    if (value !== draft.trim()) setDraft(value);
  }

  return <TextInput label={label} type="search" value={draft} onChange={(e) => setDraft(e.currentTarget.value)} />;
}
