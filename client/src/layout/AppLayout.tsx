import { Anchor, AppShell, Box, Burger, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { useNavItems } from './useNavItems';
import { UserMenu } from './UserMenu';
import { NotificationBell } from '../components/NotificationBell';
import { GlobalSearch } from '../components/GlobalSearch';
import { SkipLink } from './SkipLink';
import { PageSuspense } from '../lazyPage';
import { OfflineBanner } from '../offline/OfflineBanner';
import { OfflineSync } from '../offline/OfflineSync';
import '../api/signedInMessages';

export const MAIN_ID = 'contenu';

/**
 * The signed-in shell. On a phone the header keeps the burger, the title, the bell and the account button;
 * the search moves into the burger's menu. From 768 px the search sits in the header, from 992 px the subtitle too.
 */
export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const navItems = useNavItems();

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'md' }}
    >
      <SkipLink target={MAIN_ID} />
      <AppShell.Header>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} gap="sm" wrap="nowrap">
          <Burger
            opened={opened}
            onClick={toggle}
            hiddenFrom="sm"
            size="sm"
            aria-label={opened ? 'Fermer le menu' : 'Ouvrir le menu'}
            aria-expanded={opened}
            aria-controls="navigation-principale"
          />
          <Stack gap={0} style={{ flexShrink: 0, minWidth: 0 }}>
            <Anchor component={Link} to="/" underline="never" c="inherit">
              <Title order={1} size="h3" style={{ whiteSpace: 'nowrap' }}>
                Projet K
              </Title>
            </Anchor>
            <Text size="xs" c="dimmed" visibleFrom="md" style={{ whiteSpace: 'nowrap' }}>
              Coopération zéro déchet — Smicval
            </Text>
          </Stack>
          <Group ml="auto" gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Box visibleFrom="sm">
              <GlobalSearch />
            </Box>
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" component="nav" aria-label="Navigation principale" id="navigation-principale">
        <Box hiddenFrom="sm" mb="sm">
          <GlobalSearch testId="global-search-menu" />
        </Box>
        {navItems.map((item) => {
          const active = item.path === '/' ? pathname === '/' : pathname.startsWith(item.path);
          return (
            <NavLink
              key={item.path}
              component={RouterNavLink}
              to={item.path}
              end={item.path === '/'}
              label={item.label}
              active={active}
              onClick={close}
            />
          );
        })}
      </AppShell.Navbar>

      <AppShell.Main id={MAIN_ID} tabIndex={-1} style={{ outline: 'none' }}>
        <OfflineSync />
        <OfflineBanner />
        <PageSuspense>
          <Outlet />
        </PageSuspense>
      </AppShell.Main>
    </AppShell>
  );
}
