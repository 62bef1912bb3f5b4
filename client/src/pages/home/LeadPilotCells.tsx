import { Anchor, Badge, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDate, formatEuros, formatNumber, formatPercent } from '../../i18n/format';
import { pilotStageLabels } from '../../i18n/labels';
import { type PilotSummary, projectYearLabel } from './homeApi';

/** The cells of the lead's pilots table, and the same as labelled lines on a phone's card. */

export function FundCell({ b }: { b: PilotSummary['funding']['investment'] }) {
  return (
    <Stack gap={0}>
      <Text size="xs">Dotation {formatEuros(b.entitledCents)}</Text>
      <Text size="xs">Versé {formatEuros(b.disbursedCents)}</Text>
      <Text size="xs">Dépensé {formatEuros(b.spentCents)}</Text>
    </Stack>
  );
}

export function AutonomyCell({ p }: { p: PilotSummary }) {
  if (p.autonomy.length === 0) return <Text size="xs">—</Text>;
  return (
    <Stack gap={0}>
      {p.autonomy.map((y) => (
        <Text size="xs" key={y.year} c={y.targetMet === false ? 'red' : y.targetMet ? 'green' : undefined}>
          A{y.year} : {y.ratio === null ? '—' : formatPercent(y.ratio)}
          {y.target ? ` (cible ${y.target.operator === 'gte' ? '≥' : '≤'} ${formatPercent(y.target.value)})` : ''}
        </Text>
      ))}
    </Stack>
  );
}

export function StatusCell({ p }: { p: PilotSummary }) {
  return (
    <>
      {/* The label wraps rather than being cut to « En … ». */}
      <Badge variant="light" tt="none" h="auto" styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}>
        {pilotStageLabels[p.stage]}
      </Badge>
      <Text size="xs">{projectYearLabel(p)}</Text>
    </>
  );
}

export function AlertsCell({ p }: { p: PilotSummary }) {
  return (
    <Stack gap={2}>
      {p.lateMilestones.length > 0 && (
        <Anchor component={Link} to={`/pilotes/${p.id}/autonomie`} size="xs" c="red">
          {p.lateMilestones.length} jalon{p.lateMilestones.length > 1 ? 's' : ''} en retard
        </Anchor>
      )}
      {p.instalmentsDue.map((i) => (
        <Anchor
          key={`${i.fund}-${i.year}`}
          component={Link}
          to={`/pilotes/${p.id}/financement`}
          size="xs"
          c={i.status === 'overdue' ? 'red' : 'orange'}
        >
          {i.fund === 'investment' ? 'Investissement' : 'Fonctionnement'} A{i.year} : {formatEuros(i.remainingCents)}
          {i.status === 'overdue' ? ' (en retard)' : ' (à verser)'}
        </Anchor>
      ))}
      {p.lateMilestones.length === 0 && p.instalmentsDue.length === 0 && <Text size="xs">—</Text>}
    </Stack>
  );
}

export function ThisYearCell({ p }: { p: PilotSummary }) {
  return (
    <>
      <Text size="xs">
        {formatNumber(p.thisYear.activities)} activité{p.thisYear.activities > 1 ? 's' : ''}
      </Text>
      <Text size="xs">{formatNumber(p.thisYear.participants)} participants</Text>
    </>
  );
}

export function LastActivityCell({ p }: { p: PilotSummary }) {
  return p.lastActivity ? (
    <Text size="xs">
      {formatDate(p.lastActivity.date)} — {p.lastActivity.title}
    </Text>
  ) : (
    <Text size="xs">—</Text>
  );
}

/** On a phone each pilot is a card carrying the table's columns as labelled lines. */
export function PilotCardItem({ p }: { p: PilotSummary }) {
  const line = (label: string, content: ReactNode) => (
    <div>
      <Text size="xs" fw={700}>
        {label}
      </Text>
      {content}
    </div>
  );
  return (
    <Paper component="li" withBorder p="sm" data-testid="pilot-card">
      <Anchor component={Link} to={`/pilotes/${p.id}`} fw={600}>
        {p.name}
      </Anchor>
      <Text size="xs" c="dimmed" mb="xs">
        {p.waveYear ? `Vague ${p.waveYear} · ` : ''}
        {p.inhabitants.toLocaleString('fr-FR')} habitants
      </Text>
      <SimpleGrid cols={2} spacing="xs" verticalSpacing="xs">
        {line('Statut', <StatusCell p={p} />)}
        {line('Alertes', <AlertsCell p={p} />)}
        {line("Fonds d'investissement", <FundCell b={p.funding.investment} />)}
        {line('Fonds de fonctionnement', <FundCell b={p.funding.operating} />)}
        {line('Autonomie', <AutonomyCell p={p} />)}
        {line('Cette année', <ThisYearCell p={p} />)}
      </SimpleGrid>
      {line('Dernière activité', <LastActivityCell p={p} />)}
    </Paper>
  );
}
