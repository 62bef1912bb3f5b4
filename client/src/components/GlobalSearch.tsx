import { Combobox, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { formatDate } from '../i18n/format';
import {
  activityTypeLabels,
  type ActivityType,
  actorTypeLabels,
  type ActorType,
  candidatureStatusLabels,
  type CandidatureStatus,
} from '../i18n/labels';
import { search, type SearchResults } from '../pages/home/homeApi';
import { audienceLabels, type Audience } from '../pages/reports/reportsApi';
import { queryKeys } from '../api/queryKeys';

type Hit = { key: string; to: string; title: string; detail: string };

function hitsOf(r: SearchResults): { label: string; hits: Hit[] }[] {
  return [
    {
      label: 'Projets pilotes',
      hits: r.pilots.map((p) => ({ key: p.id, to: `/pilotes/${p.id}`, title: p.name, detail: p.communes.join(', ') })),
    },
    {
      label: 'Acteurs',
      hits: r.actors.map((a) => ({
        key: a.id,
        to: `/pilotes/${a.pilotId}/acteurs`,
        title: a.name,
        detail: `${actorTypeLabels[a.type as ActorType] ?? a.type} · ${a.pilotName}`,
      })),
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

/**
 * The header's search box: pilots, actors, activities, candidatures and reports the person may see. An ARIA
 * combobox (Mantine's Combobox): arrow keys move through the results, Enter opens one, Escape closes.
 */
export function GlobalSearch({ testId = 'global-search' }: { testId?: string }) {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), 250);
  const enabled = debounced.length >= 2;
  const results = useQuery({
    queryKey: queryKeys.search(debounced),
    queryFn: () => search(debounced),
    enabled,
    staleTime: 30_000,
  });
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const groups = enabled && results.data ? hitsOf(results.data) : [];

  let status: ReactNode = null;
  if (enabled && results.isPending) status = <Combobox.Empty>Recherche en cours…</Combobox.Empty>;
  else if (enabled && results.isError) status = <Combobox.Empty>{results.error.message}</Combobox.Empty>;
  else if (enabled && results.data && groups.length === 0)
    status = <Combobox.Empty>Aucun résultat pour « {debounced} ».</Combobox.Empty>;

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(to) => {
        combobox.closeDropdown();
        setText('');
        void navigate(to);
      }}
      width="target"
      position="bottom-start"
      shadow="md"
    >
      <Combobox.Target withExpandedAttribute>
        <TextInput
          aria-label="Rechercher dans Projet K"
          placeholder="Rechercher…"
          type="search"
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          w={{ base: '100%', sm: 260, lg: 340 }}
          data-testid={testId}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!enabled} miw={300}>
        {/* A plain scrolling list: a scroll area's focusable viewport is not allowed inside a listbox. */}
        <Combobox.Options
          aria-label="Résultats de la recherche"
          data-testid={enabled && groups.length > 0 ? 'search-results' : undefined}
          mah={420}
          style={{ overflowY: 'auto' }}
        >
          {status}
          {groups.map((g) => (
            <Combobox.Group key={g.label} label={g.label}>
              {g.hits.map((h) => (
                <Combobox.Option key={h.key} value={h.to}>
                  <Text size="sm" fw={600}>
                    {h.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {h.detail}
                  </Text>
                </Combobox.Option>
              ))}
            </Combobox.Group>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
