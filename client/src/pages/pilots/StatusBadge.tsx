import { Badge } from '@mantine/core';
import { pilotStageLabels, type PilotStage } from '../../i18n/labels';

const stageColor: Record<PilotStage, string> = {
  preparation: 'gray',
  running: 'teal',
  bilan: 'orange',
  autonomous: 'blue',
  ended: 'dark',
};

/** The pilot's stage: its status, or « Bilan » once its last operating year is over and it is not yet closed. */
export function StatusBadge({ status }: { status: PilotStage }) {
  return (
    <Badge
      color={stageColor[status]}
      variant="light"
      tt="none"
      style={{ flexShrink: 0, overflow: 'visible' }}
      data-testid="pilot-stage"
    >
      {pilotStageLabels[status]}
    </Badge>
  );
}
