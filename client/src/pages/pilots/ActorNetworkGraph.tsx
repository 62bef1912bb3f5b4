import { Badge, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { actorTypeLabels, contributionKindLabels, type ActorType, type ContributionKind } from '../../i18n/labels';
import type { ActorNetwork } from './pilotsApi';

export const actorTypeColors: Record<ActorType, string> = {
  public: 'blue',
  private: 'orange',
  associative: 'teal',
  citizen: 'grape',
};
const fill: Record<ActorType, string> = {
  public: '#228be6',
  private: '#fd7e14',
  associative: '#12b886',
  citizen: '#be4bdb',
};
const ORDER: ActorType[] = ['public', 'private', 'associative', 'citizen'];

/**
 * Who is linked to whom: the actors on a circle, grouped by type, sized by their contributions, with a line
 * per link; beside it the same links as lists, which read better on a phone and with a screen reader.
 */
export function ActorNetworkGraph({ network }: { network: ActorNetwork }) {
  const nodes = [...network.nodes].sort(
    (a, b) =>
      ORDER.indexOf(a.type as ActorType) - ORDER.indexOf(b.type as ActorType) || a.name.localeCompare(b.name, 'fr'),
  );
  // An ellipse wider than tall, with room on both sides for the names.
  const width = 760;
  const height = 460;
  const rx = width / 2 - 200;
  const ry = height / 2 - 40;
  const pos = new Map(
    nodes.map((n, i) => {
      const angle = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
      return [n.id, { x: width / 2 + rx * Math.cos(angle), y: height / 2 + ry * Math.sin(angle), angle }];
    }),
  );
  const linksOf = (id: string) => network.links.filter((l) => l.fromActorId === id || l.toActorId === id);

  return (
    <Stack gap="md">
      <Paper withBorder p="sm" maw={900}>
        <svg
          viewBox={`0 0 ${width} ${height}`}
          width="100%"
          role="img"
          aria-label="Réseau des acteurs : chaque trait relie deux acteurs qui travaillent déjà ensemble"
        >
          {network.links.map((l) => {
            const a = pos.get(l.fromActorId);
            const b = pos.get(l.toActorId);
            if (!a || !b) return null;
            return (
              <line key={l.id} x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke="#868e96" strokeWidth={2}>
                <title>{`${l.fromActorName} — ${l.toActorName} : ${l.nature}`}</title>
              </line>
            );
          })}
          {nodes.map((n) => {
            const p = pos.get(n.id)!;
            const radius = 8 + Math.min(14, n.contributions * 3);
            const right = Math.cos(p.angle) >= -1e-9;
            return (
              <g key={n.id}>
                <circle cx={p.x} cy={p.y} r={radius} fill={fill[n.type as ActorType]} stroke="#fff" strokeWidth={2}>
                  <title>{`${n.name} (${actorTypeLabels[n.type as ActorType]}) : ${n.contributions} contribution(s)`}</title>
                </circle>
                <text
                  x={p.x + (right ? radius + 4 : -radius - 4)}
                  y={p.y + 4}
                  fontSize={13}
                  textAnchor={right ? 'start' : 'end'}
                  fill="#212529"
                >
                  {n.name.length > 24 ? `${n.name.slice(0, 23)}…` : n.name}
                </text>
              </g>
            );
          })}
        </svg>
        <Group gap="xs" justify="center">
          {ORDER.map((t) => (
            <Badge key={t} color={actorTypeColors[t]} variant="light" tt="none">
              {actorTypeLabels[t]}
            </Badge>
          ))}
        </Group>
      </Paper>
      <Title order={3} size="h5">
        Qui travaille avec qui
      </Title>
      {network.links.length === 0 && (
        <Text size="sm" c="dimmed">
          Aucun lien noté. Reliez deux acteurs qui travaillent déjà ensemble (« Relier deux acteurs »).
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {nodes
          .filter((n) => linksOf(n.id).length > 0 || n.contributions > 0)
          .map((n) => (
            <Paper key={n.id} withBorder p="xs">
              <Text fw={500} size="sm">
                {n.name}{' '}
                <Text span size="xs" c="dimmed">
                  — {actorTypeLabels[n.type as ActorType]}
                  {n.kinds.length > 0 &&
                    ` · apporte : ${n.kinds.map((k) => contributionKindLabels[k as ContributionKind].toLowerCase()).join(', ')}`}
                </Text>
              </Text>
              {linksOf(n.id).length > 0 && (
                <List size="sm" spacing={2}>
                  {linksOf(n.id).map((l) => (
                    <List.Item key={l.id}>
                      avec {l.fromActorId === n.id ? l.toActorName : l.fromActorName} : {l.nature}
                    </List.Item>
                  ))}
                </List>
              )}
            </Paper>
          ))}
      </SimpleGrid>
    </Stack>
  );
}
