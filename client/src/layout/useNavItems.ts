import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { navItemsFor, type NavItem, type NavPilot } from './navigation';
import { queryKeys } from '../api/queryKeys';

/** Pilot names for the navigation; an absent or failing pilots API leaves generic names. */
async function fetchPilotNames(): Promise<NavPilot[]> {
  const { data } = await api.GET('/api/pilots', { params: { query: { limit: 100 } } });
  return (data?.items ?? []).map((p) => ({ id: p.id, name: p.name }));
}

export function useNavItems(): NavItem[] {
  const { user } = useAuth();
  const member = user?.role === 'coordinator' || user?.role === 'reviewer';
  const pilots = useQuery({
    queryKey: queryKeys.pilots.navigation(user?.id),
    queryFn: fetchPilotNames,
    enabled: member && (user?.pilotIds.length ?? 0) > 0,
    retry: false,
  });
  return navItemsFor(user, pilots.data);
}
