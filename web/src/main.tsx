import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setCsrfToken } from './api/client.js';
import { sessionKey } from './auth/session.js';
import { createQueryClient } from './queryClient.js';
import { createAppRouter } from './router.js';
import { theme } from './theme.js';

const queryClient = createQueryClient(() => {
  // Only react when we believed we were signed in: a 401 on the sign-in form is just a wrong password.
  if (!queryClient.getQueryData(sessionKey)) return;
  setCsrfToken(null);
  queryClient.setQueryData(sessionKey, null);
  const { pathname, search } = window.location;
  void router.navigate({ to: '/sign-in', search: { redirect: `${pathname}${search}` } });
});
const router = createAppRouter(queryClient);

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('#root element missing from index.html');

createRoot(rootElement).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
