import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { fetchPilot, pilotKeys } from './pilotsApi';

/** The pilot of the current /pilotes/:id route (cached by the layout), and what the caller may do on it. */
export function usePilot() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const pilot = useQuery({ queryKey: pilotKeys.pilot(id), queryFn: () => fetchPilot(id) });
  const role = user?.role;
  return {
    id,
    pilot,
    /** Lead and the pilot's coordinators log activities, actors and contributions. */
    canWrite: role === 'lead' || role === 'coordinator',
    isLead: role === 'lead',
  };
}
