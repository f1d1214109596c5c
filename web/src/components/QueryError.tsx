import { Alert, Button } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { isApiError } from '../api/client.js';
import { Forbidden } from './Forbidden.js';

/** Shows why a query failed: a permission page for 403, otherwise the server's problem detail with a retry. */
export function QueryError(props: { error: unknown; onRetry?: () => void }) {
  const { error } = props;
  if (isApiError(error, 403)) return <Forbidden />;
  const title = isApiError(error) ? error.title : 'Something went wrong';
  const detail = isApiError(error) ? error.detail : error instanceof Error ? error.message : undefined;
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={title} role="alert">
      {detail ?? 'The request failed.'}
      {props.onRetry ? (
        <Button size="xs" variant="light" color="red" ml="md" onClick={props.onRetry}>
          Try again
        </Button>
      ) : null}
    </Alert>
  );
}
