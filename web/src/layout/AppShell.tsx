import { AppShell, Burger, Group, NavLink, ScrollArea, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconReceipt2 } from '@tabler/icons-react';
import { Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { authApi } from '../api/endpoints.js';
import { canUse } from '../auth/permissions.js';
import { useSession, useSessionActions } from '../auth/session.js';
import { AppFooter } from './AppFooter.js';
import { ChangePasswordModal } from './ChangePasswordModal.js';
import { isNavGroup, NAV, type NavLinkItem } from './nav.js';
import { RouterNavLink } from './RouterNavLink.js';
import { UserMenu } from './UserMenu.js';

function isActive(pathname: string, item: NavLinkItem): boolean {
  const { to } = item;
  if (to === '/' || item.exact) return pathname === to;
  return pathname === to || pathname.startsWith(`${to}/`);
}

/** The signed-in frame: header with the user menu, navbar by department, and the page. */
export function AppLayout() {
  const { user } = useSession();
  const { signedOut } = useSessionActions();
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const [navOpened, nav] = useDisclosure(false);
  const [passwordOpened, password] = useDisclosure(false);

  async function signOut() {
    try {
      await authApi.signOut();
    } catch {
      // Already signed out on the server, or unreachable: forget the session locally either way.
    }
    signedOut();
    await navigate({ to: '/sign-in', search: {} });
  }

  const sections = NAV.map((section) => ({
    ...section,
    items: section.items.filter((item) => canUse(item.area, user.roles)),
  })).filter((section) => section.items.length > 0);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <ThemeIcon size={30} radius="md" variant="filled">
              <IconReceipt2 size={18} />
            </ThemeIcon>
            <Text fw={700} size="lg">
              Duely
            </Text>
            <Text size="sm" c="dimmed" visibleFrom="md">
              Payment &amp; dispatch follow-up
            </Text>
          </Group>
          <UserMenu user={user} onChangePassword={password.open} onSignOut={() => void signOut()} />
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <AppShell.Section grow component={ScrollArea}>
          {sections.map((section) => (
            <div key={section.label ?? 'main'}>
              {section.label ? (
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
                  {section.label}
                </Text>
              ) : null}
              {section.items.map((item) => {
                const link = (entry: NavLinkItem) => (
                  <RouterNavLink
                    key={entry.to}
                    to={entry.to}
                    label={entry.label}
                    leftSection={entry.icon}
                    active={isActive(pathname, entry)}
                    activeOptions={{ exact: entry.exact === true }}
                    onClick={nav.close}
                    style={{ borderRadius: 6 }}
                  />
                );
                if (!isNavGroup(item)) return link(item);
                return (
                  <NavLink
                    key={item.label}
                    component="button"
                    type="button"
                    label={item.label}
                    leftSection={item.icon}
                    defaultOpened
                    childrenOffset={28}
                    style={{ borderRadius: 6 }}
                  >
                    {item.children.filter((child) => canUse(child.area, user.roles)).map(link)}
                  </NavLink>
                );
              })}
            </div>
          ))}
        </AppShell.Section>
        <AppShell.Section>
          <AppFooter showApiDocs={canUse('tokens', user.roles)} />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main bg="gray.0">
        <Outlet />
      </AppShell.Main>

      <ChangePasswordModal opened={passwordOpened} onClose={password.close} />
    </AppShell>
  );
}
