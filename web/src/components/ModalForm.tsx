import { Alert, Button, Group, Stack } from '@mantine/core';
import type { ReactNode } from 'react';

/** The body of a modal form: the form-level error above the fields, then Cancel and the submit button. */
export function ModalForm(props: {
  /** The form-level error (see `formError`), or null. */
  message: string | null;
  submitLabel: string;
  submitting: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      <Stack>
        {props.message ? (
          <Alert color="red" role="alert">
            {props.message}
          </Alert>
        ) : null}
        {props.children}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={props.submitting}>
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
