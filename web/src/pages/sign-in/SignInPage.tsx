import {
  Alert,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle, IconLock, IconReceipt2 } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useRouter, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { isApiError } from '../../api/client.js';
import { authApi } from '../../api/endpoints.js';
import { useSessionActions } from '../../auth/session.js';

/** Only same-origin app paths are allowed as a post-sign-in destination. */
export function safeRedirect(target: string | undefined): string {
  if (!target?.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return '/';
  if (target === '/sign-in' || target.startsWith('/sign-in?')) return '/';
  return target;
}

/** Adds "in about N minutes, at HH:MM" after the first ISO instant in a server message (e.g. "locked until …"). */
function withLocalTime(message: string): string {
  const match = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/.exec(message);
  const until = match ? new Date(match[0]) : null;
  if (!until || Number.isNaN(until.getTime())) return message;
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  const time = until.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return `${message} Try again in about ${minutes} minute${minutes === 1 ? '' : 's'} (at ${time} your time).`;
}

function signInError(error: unknown): { title: string; message: string; locked: boolean } {
  if (isApiError(error, 429)) {
    return { title: 'Sign-in temporarily blocked', message: withLocalTime(error.userMessage), locked: true };
  }
  if (isApiError(error, 401) || isApiError(error, 400)) {
    return { title: 'Could not sign in', message: error.detail ?? 'Wrong email or password.', locked: false };
  }
  if (isApiError(error)) return { title: error.title, message: error.userMessage, locked: false };
  return { title: 'Could not sign in', message: 'Something went wrong. Try again.', locked: false };
}

export function SignInPage() {
  const search = useSearch({ from: '/sign-in' });
  const router = useRouter();
  const { signedIn } = useSessionActions();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => authApi.signIn(email.trim(), password),
    meta: { ignoreUnauthorized: true },
    onSuccess: async (session) => {
      signedIn(session);
      router.history.push(safeRedirect(search.redirect));
    },
    onError: () => setPassword(''),
  });
  const error = signIn.error ? signInError(signIn.error) : null;
  useDocumentTitle('Sign in · Duely');

  return (
    <Box mih="100vh" bg="gray.0">
      <Center mih="100vh" p="md">
        <Stack w="100%" maw={400} gap="lg">
          <Group justify="center" gap="sm">
            <ThemeIcon size={40} radius="md">
              <IconReceipt2 size={24} />
            </ThemeIcon>
            <Title order={1} size="h2">
              Duely
            </Title>
          </Group>
          <Paper withBorder shadow="sm" p="xl" radius="md">
            <form
              onSubmit={(event) => {
                event.preventDefault();
                signIn.mutate();
              }}
            >
              <Stack>
                <div>
                  <Title order={2} size="h3">
                    Sign in
                  </Title>
                  <Text size="sm" c="dimmed">
                    Payment &amp; dispatch follow-up
                  </Text>
                </div>
                {error ? (
                  <Alert
                    color={error.locked ? 'orange' : 'red'}
                    icon={error.locked ? <IconLock size={18} /> : <IconAlertCircle size={18} />}
                    title={error.title}
                    role="alert"
                  >
                    {error.message}
                  </Alert>
                ) : null}
                <TextInput
                  label="Email"
                  type="email"
                  autoComplete="username"
                  required
                  autoFocus
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                />
                <PasswordInput
                  label="Password"
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                />
                <Button type="submit" fullWidth loading={signIn.isPending}>
                  Sign in
                </Button>
              </Stack>
            </form>
          </Paper>
          <Text size="xs" c="dimmed" ta="center">
            Forgot your password? Contact your Duely administrator.
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
