import { Select, type ComboboxItem, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useI18n } from '../app/i18n/useI18n';

/** How long typing pauses before the server is asked. */
export const SEARCH_DEBOUNCE_MS = 300;
const MORE = '__more__';

/**
 * A Select whose options come from a server-side search: `onSearch` gets the typed text, debounced
 * (empty while the box shows the selected option's label), and the caller passes the matches. The
 * selected option stays visible even when the current matches do not contain it.
 */
export function SearchSelect({
  options,
  total,
  loading,
  selected: known,
  onSearch,
  onChange,
  ...props
}: Omit<SelectProps, 'data' | 'searchable' | 'searchValue' | 'onSearchChange' | 'filter' | 'onChange'> & {
  /** The server's matches for the last search. */
  options: ComboboxItem[];
  /** How many match in all: more than shown adds a "type to narrow" hint. */
  total?: number;
  loading: boolean;
  /** The selected option when the caller knows its label (a value from the URL); one picked here is remembered. */
  selected?: ComboboxItem | null;
  onSearch: (search: string) => void;
  onChange: (value: string | null, option: ComboboxItem | null) => void;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<ComboboxItem | null>(null);
  const selected =
    known ?? (picked && picked.value === props.value ? picked : null) ?? options.find((o) => o.value === props.value) ?? null;
  const [debounced] = useDebouncedValue(search, SEARCH_DEBOUNCE_MS);
  const typed = debounced === selected?.label ? '' : debounced.trim();
  useEffect(() => onSearch(typed), [typed, onSearch]);

  const data = selected && !options.some((o) => o.value === selected.value) ? [selected, ...options] : [...options];
  if (total !== undefined && total > options.length)
    data.push({ value: MORE, label: t('picker.more', { shown: options.length, total }), disabled: true });

  return (
    <Select
      {...props}
      data={data}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all} // the server has filtered
      nothingFoundMessage={loading ? t('common.loading') : t('picker.nothingFound')}
      onChange={(value, option) => {
        setPicked(option);
        onChange(value, option);
      }}
    />
  );
}
