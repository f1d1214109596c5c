import { Text } from '@mantine/core';
import { formatDateTime } from '../lib/format.js';

/** An optional instant in a table cell; a dimmed "Never" when absent (last sign-in, last used). */
export function DateTimeOrNever(props: { value: string | null }) {
  return (
    <Text size="sm" c={props.value ? undefined : 'dimmed'}>
      {props.value ? formatDateTime(props.value) : 'Never'}
    </Text>
  );
}
