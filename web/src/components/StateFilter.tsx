import { SegmentedControl } from '@mantine/core';

/** "All" plus one segment per state; `null` means all. */
export function StateFilter<S extends string>(props: {
  label: string;
  states: readonly S[];
  value: S | null;
  onChange: (value: S | null) => void;
}) {
  return (
    <SegmentedControl
      aria-label={props.label}
      size="xs"
      value={props.value ?? 'all'}
      onChange={(value) =>
        props.onChange(value === 'all' ? null : (props.states.find((s) => s === value) ?? null))
      }
      data={[
        { value: 'all', label: 'All' },
        ...props.states.map((s) => ({ value: s, label: s.charAt(0).toUpperCase() + s.slice(1) })),
      ]}
    />
  );
}
