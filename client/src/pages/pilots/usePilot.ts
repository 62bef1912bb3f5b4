import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useParams } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { fetchPilot, pilotFieldErrors, pilotKeys, pilotProblemMessage } from './pilotsApi';
import { queryKeys } from '../../api/queryKeys';

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

/**
 * A form that changes something of the pilot: submits once, refreshes every query of the pilot, confirms
 * in French, then `after` (reset the fields, close the dialog). Gives the per-field and overall errors.
 */
export function usePilotForm<T>(
  id: string,
  send: () => Promise<T>,
  confirm: (result: T) => string,
  after?: (result: T) => void,
) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: pilotKeys.all(id) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.pilots.all });
      notifications.show({ color: 'teal', message: confirm(result) });
      after?.(result);
    },
  });
  return {
    submit: (e: FormEvent) => {
      e.preventDefault();
      mutation.mutate();
    },
    pending: mutation.isPending,
    /** The French message of a refusal, null when none. */
    problem: mutation.isError ? pilotProblemMessage(mutation.error) : null,
    errors: pilotFieldErrors(mutation.error),
  };
}
