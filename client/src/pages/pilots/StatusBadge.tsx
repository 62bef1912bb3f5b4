import { Badge } from '@mantine/core';
import { pilotStatusLabels, type PilotStatus } from '../../i18n/labels';

const statusColor: Record<PilotStatus, string> = {
  preparation: 'gray',
  running: 'teal',
  autonomous: 'blue',
  ended: 'dark',
};

export function StatusBadge({ status }: { status: PilotStatus }) {
  return (
    <Badge color={statusColor[status]} variant="light" tt="none" style={{ flexShrink: 0, overflow: 'visible' }}>
      {pilotStatusLabels[status]}
    </Badge>
  );
}
