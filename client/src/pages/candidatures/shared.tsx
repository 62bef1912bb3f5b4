import { Badge } from '@mantine/core';
import { callStatusLabels, candidatureStatusLabels, type CallStatus, type CandidatureStatus } from '../../i18n/labels';

export function EligibilityBadge({
  eligibility,
}: {
  eligibility: { inBounds: boolean; minInhabitants: number; maxInhabitants: number };
}) {
  return eligibility.inBounds ? (
    <Badge color="green" variant="light">
      Éligible
    </Badge>
  ) : (
    <Badge
      color="orange"
      variant="light"
      title={`Hors de la fourchette ${eligibility.minInhabitants}–${eligibility.maxInhabitants} habitants`}
    >
      Hors critères de taille
    </Badge>
  );
}

const STATUS_COLORS: Record<CandidatureStatus, string> = {
  intention_submitted: 'gray',
  engagement_submitted: 'blue',
  selected: 'green',
  not_selected: 'red',
  withdrawn: 'dark',
};

export function StatusBadge({ status }: { status: CandidatureStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light">
      {candidatureStatusLabels[status]}
    </Badge>
  );
}

export const formatScore = (n: number | null | undefined) =>
  n === null || n === undefined
    ? '—'
    : n.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const communeNames = (cs: { name: string }[]) => cs.map((c) => c.name).join(', ');

const CALL_STATUS_COLORS: Record<CallStatus, string> = {
  intention: 'blue',
  engagement: 'blue',
  selection: 'orange',
  closed: 'gray',
};

/** Where a call stands; « Clos » once its decision is taken. */
export function CallStatusBadge({ status }: { status: CallStatus }) {
  return (
    <Badge color={CALL_STATUS_COLORS[status]} variant="light">
      {callStatusLabels[status]}
    </Badge>
  );
}
