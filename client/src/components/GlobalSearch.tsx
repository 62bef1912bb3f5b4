import { Anchor, Loader, Popover, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../i18n/format';
import { activityTypeLabels, type ActivityType, actorTypeLabels, type ActorType, candidatureStatusLabels, type CandidatureStatus } from '../i18n/labels';
import { search, type SearchResults } from '../pages/home/homeApi';
import { audienceLabels, type Audience } from '../pages/reports/reportsApi';

type Hit = { key: string; to: string; title: string; detail: string };

function hitsOf(r: SearchResults): { label: string; hits: Hit[] }[] {
  return [
    { label: 'Projets pilotes', hits: r.pilots.map((p) => ({ key: p.id, to: `/pilotes/${p.id}`, title: p.name, detail: p.communes.join(', ') })) },
    {
      label: 'Acteurs',
      hits: r.actors.map((a) => ({ key: a.id, to: `/pilotes/${a.pilotId}/acteurs`, title: a.name, detail: `${actorTypeLabels[a.type as ActorType] ?? a.type} · ${a.pilotName}` })),
    },
    {
      label: 'Activités',
      hits: r.activities.map((a) => ({
        key: a.id,
        to: `/pilotes/${a.pilotId}/activites`,
        title: a.title,
        detail: `${formatDate(a.date)} · ${activityTypeLabels[a.type as ActivityType] ?? a.type} · ${a.pilotName}`,
      })),
    },
    {
      label: 'Candidatures',
      hits: r.candidatures.map((c) => ({
        key: c.id,
        to: `/candidatures/${c.id}`,
        title: c.communes.join(', '),
        detail: `${candidatureStatusLabels[c.status as CandidatureStatus] ?? c.status} · ${c.callTitle}`,
      })),
    },
    {
      label: 'Rapports',
      hits: r.reports.map((x) => ({
        key: x.id,
        to: x.pilotId ? `/pilotes/${x.pilotId}/rapports` : `/appels/${x.callId}/rapports`,
        title: x.title,
        detail: `${audienceLabels[x.audience as Audience] ?? x.audience} · version ${x.version}${x.issuedAt ? ' · émis' : ''}`,
      })),
    },
  ].filter((g) => g.hits.length > 0);
}

/** The header's search box: pilots, actors, activities, candidatures and reports the person may see. */
export function GlobalSearch() {
  const [text, setText] = useState('');
  const [opened, setOpened] = useState(false);
  const [debounced] = useDebouncedValue(text.trim(), 250);
  const enabled = debounced.length >= 2;
  const results = useQuery({ queryKey: ['search', debounced], queryFn: () => search(debounced), enabled, staleTime: 30_000 });
  const close = () => {
    setOpened(false);
    setText('');
  };

  let body: ReactNode = null;
  if (enabled && results.isPending) body = <Loader size="sm" aria-label="Recherche en cours" />;
  else if (enabled && results.isError) body = <Text size="sm" c="red">{results.error.message}</Text>;
  else if (enabled && results.data) {
    const groups = hitsOf(results.data);
    body =
      groups.length === 0 ? (
        <Text size="sm" c="dimmed">
          Aucun résultat pour « {debounced} ».
        </Text>
      ) : (
        <Stack gap="sm" data-testid="search-results">
          {groups.map((g) => (
            <section key={g.label} aria-label={g.label}>
              <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                {g.label}
              </Text>
              {g.hits.map((h) => (
                <div key={h.key}>
                  <Anchor component={Link} to={h.to} onClick={close} size="sm">
                    {h.title}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {h.detail}
                  </Text>
                </div>
              ))}
            </section>
          ))}
        </Stack>
      );
  }

  return (
    <Popover opened={opened && enabled} onChange={setOpened} position="bottom-start" width={420} shadow="md" trapFocus={false}>
      <Popover.Target>
        <TextInput
          aria-label="Rechercher dans Projet K"
          placeholder="Rechercher…"
          type="search"
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setOpened(true);
          }}
          onFocus={() => setOpened(true)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
          }}
          w={{ base: 140, sm: 260 }}
          data-testid="global-search"
        />
      </Popover.Target>
      <Popover.Dropdown>
        <ScrollArea.Autosize mah={420}>{body}</ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
