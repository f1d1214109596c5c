import type { ErrorComponentProps } from '@tanstack/react-router';
import { QueryError } from '../components/QueryError.js';

export function RouteErrorPage(props: ErrorComponentProps) {
  return <QueryError error={props.error} onRetry={props.reset} />;
}
