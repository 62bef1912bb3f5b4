import {
  ActionIcon,
  Badge,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { problemMessage } from '../api/problem';
import type { paths } from '../api/schema';
import { formatDateTime } from '../i18n/format';
import { queryKeys } from '../api/queryKeys';

type NotificationList = paths['/api/notifications']['get']['responses'][200]['content']['application/json'];
type Notification = NotificationList['items'][number];

const KEY = queryKeys.notifications;

/** The header's bell: the signed-in user's reminders, with the unread count; opening one marks it read. */
export function NotificationBell() {
  const [opened, setOpened] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: KEY,
    queryFn: async (): Promise<NotificationList> => {
      const { data, error } = await api.GET('/api/notifications');
      if (error) throw new Error(problemMessage(error));
      return data;
    },
    // Reminders are created once a day; a minute is plenty to show them.
    refetchInterval: 60_000,
  });
  const read = useMutation({
    mutationFn: async (id: string) => {
      const { error } = await api.POST('/api/notifications/{id}/read', { params: { path: { id } } });
      if (error) throw new Error(problemMessage(error));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
  const readAll = useMutation({
    mutationFn: async () => {
      const { error } = await api.POST('/api/notifications/read-all');
      if (error) throw new Error(problemMessage(error));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });

  const unread = list.data?.unreadCount ?? 0;
  const open = (n: Notification) => {
    if (!n.readAt) read.mutate(n.id);
    setOpened(false);
    if (n.link) void navigate(n.link);
  };

  return (
    // The indicator wraps the popover so that the popover's ARIA attributes land on the button itself.
    <Indicator label={unread > 99 ? '99+' : unread} size={18} disabled={unread === 0} color="red" offset={4}>
      <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md" withinPortal>
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={unread > 0 ? `Notifications : ${unread} non lue${unread > 1 ? 's' : ''}` : 'Notifications'}
          >
            {/* An inline drawing: the emoji needs a font that servers and some desktops lack. */}
            <svg
              aria-hidden="true"
              width="22"
              height="22"
              viewBox="0 0 24 24"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              strokeLinecap="round"
              strokeLinejoin="round"
            >
              <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
              <path d="M13.73 21a2 2 0 0 1-3.46 0" />
            </svg>
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p="xs" maw="calc(100vw - 16px)" aria-label="Notifications">
          <Group justify="space-between" mb="xs">
            <Text fw={600}>Notifications</Text>
            <Button
              size="compact-xs"
              variant="subtle"
              disabled={unread === 0 || readAll.isPending}
              onClick={() => readAll.mutate()}
            >
              Tout marquer comme lu
            </Button>
          </Group>
          <Divider />
          {list.isError && (
            <Text c="red" size="sm" mt="xs">
              {list.error.message}
            </Text>
          )}
          {list.data && list.data.items.length === 0 && (
            <Text size="sm" c="dimmed" mt="xs">
              Aucune notification.
            </Text>
          )}
          <ScrollArea.Autosize mah={420}>
            <Stack gap={0}>
              {list.data?.items.map((n) => (
                <UnstyledButton
                  key={n.id}
                  onClick={() => open(n)}
                  p="xs"
                  style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
                >
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    {!n.readAt && (
                      <Badge size="xs" color="red" variant="filled" aria-label="non lue" mt={4} circle>
                        {' '}
                      </Badge>
                    )}
                    <Stack gap={2}>
                      <Text size="sm" fw={n.readAt ? 400 : 600}>
                        {n.title}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {n.body}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {formatDateTime(n.createdAt)}
                      </Text>
                    </Stack>
                  </Group>
                </UnstyledButton>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
