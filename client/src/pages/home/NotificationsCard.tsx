import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../i18n/format';
import { EmailSwitch } from './EmailSwitch';
import type { Home } from './homeApi';

/** The reminders' notifications of the signed-in person (the bell in the header marks them read). */
export function NotificationsCard({ notifications }: { notifications: Home['notifications'] }) {
  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby="home-notifications-title"
      data-testid="home-notifications"
    >
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5" id="home-notifications-title">
          Notifications
        </Title>
        {notifications.unread > 0 && (
          <Badge color="red" variant="light" tt="none">
            {notifications.unread} non lue{notifications.unread > 1 ? 's' : ''}
          </Badge>
        )}
      </Group>
      {notifications.latest.length === 0 ? (
        <Text size="sm" c="dimmed">
          Aucune notification pour le moment.
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {notifications.latest.map((n) => (
            <li key={n.id}>
              <Text size="sm" fw={n.readAt ? 400 : 600}>
                {n.link ? (
                  <Anchor component={Link} to={n.link}>
                    {n.title}
                  </Anchor>
                ) : (
                  n.title
                )}
              </Text>
              <Text size="xs" c="dimmed">
                {n.dueDate ? `Échéance : ${formatDate(n.dueDate)} · ` : ''}
                {formatDateTime(n.createdAt)}
              </Text>
            </li>
          ))}
        </Stack>
      )}
      <EmailSwitch />
    </Card>
  );
}
