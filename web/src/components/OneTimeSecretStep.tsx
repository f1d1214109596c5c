import { Button, Group, Stack } from '@mantine/core';
import { OneTimeSecret } from './OneTimeSecret.js';

/** The last step of a create dialog: the secret shown once, and a single button to close. */
export function OneTimeSecretStep(props: {
  label: string;
  value: string;
  warning: string;
  doneLabel: string;
  onDone: () => void;
}) {
  return (
    <Stack>
      <OneTimeSecret label={props.label} value={props.value} warning={props.warning} />
      <Group justify="flex-end">
        <Button onClick={props.onDone}>{props.doneLabel}</Button>
      </Group>
    </Stack>
  );
}
