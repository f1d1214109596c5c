import { isApiError } from '../api/client.js';

/** What to tell the user when an action (not a form) fails. */
export function actionErrorMessage(error: unknown): string {
  if (isApiError(error, 403)) return "You don't have permission to do this.";
  return isApiError(error) ? error.userMessage : 'Something went wrong.';
}
