import { notifications } from '@mantine/notifications';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { queryKeys } from '../api/queryKeys';
import { useAuth } from '../auth/AuthProvider';
import { onQueueChange } from './queue';
import { flushQueue, type FlushResult } from './send';
import { registerServiceWorker } from './serviceWorker';

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** Sends the queue, then refreshes the pilots' pages and says in French what happened. */
export async function sendQueue(userId: string, queryClient: QueryClient, manual: boolean): Promise<FlushResult> {
  const result = await flushQueue(userId);
  if (result.sent > 0) {
    await queryClient.invalidateQueries({ queryKey: ['pilot'] });
    notifications.show({
      color: 'teal',
      message: `${plural(result.sent, 'activité envoyée', 'activités envoyées')} depuis cet appareil.`,
    });
  }
  if (result.refused > 0) {
    notifications.show({
      color: 'red',
      message: `${plural(result.refused, 'activité refusée', 'activités refusées')} : corrigez-les ou abandonnez-les dans la liste des activités.`,
    });
  }
  if (manual && result.waiting > 0 && !result.unauthorized) {
    notifications.show({
      color: 'orange',
      message: 'Le réseau ne répond pas : les activités restent en attente d’envoi sur cet appareil.',
    });
  }
  return result;
}

/**
 * Registers the service worker, and sends the offline queue when the app starts signed in (after a sign-in too: a session that expired offline
 * keeps its queue), and whenever the network comes back. Renders nothing.
 */
export function OfflineSync() {
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const userId = user?.id;

  // Registered once signed in: the offline log is for signed-in coordinators.
  useEffect(registerServiceWorker, []);

  useEffect(
    () => onQueueChange(() => void queryClient.invalidateQueries({ queryKey: queryKeys.offlineQueue })),
    [queryClient],
  );

  useEffect(() => {
    if (!userId) return;
    const send = () => void sendQueue(userId, queryClient, false);
    if (navigator.onLine) send();
    window.addEventListener('online', send);
    return () => window.removeEventListener('online', send);
  }, [userId, queryClient]);

  return null;
}
