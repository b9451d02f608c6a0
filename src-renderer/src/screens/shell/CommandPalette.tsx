import '@mantine/spotlight/styles.css';
import { useState } from 'react';
import { Group, Kbd, Text, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  Spotlight,
  isActionsGroup,
  spotlight,
  type SpotlightActionData,
  type SpotlightActionGroupData,
  type SpotlightFilterFunction,
} from '@mantine/spotlight';
import { keepPreviousData } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { IconSearch, IconUsersGroup } from '@tabler/icons-react';
import { useProcQuery } from '../../api/hooks';
import { useCan } from '../../api/use-can';
import { NAV_ITEMS } from './nav-items';
import { useCanOpenPath } from './use-route-access';

type SpotlightActions = SpotlightActionData | SpotlightActionGroupData;

const PARTNER_GROUP = 'Partners';
const PARTNER_RESULTS = 8;
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * Screens are few and filtered here by label; partners are found by the server (`partners.list`
 * with `q` matches name, code and contact email), so their group is shown as the server sent it.
 */
const filter: SpotlightFilterFunction = (query, actions) => {
  const needle = query.trim().toLowerCase();
  return actions.flatMap((item): SpotlightActions[] => {
    if (!isActionsGroup(item)) return matches(item, needle) ? [item] : [];
    if (item.group === PARTNER_GROUP) return [item];
    const kept = item.actions.filter((a) => matches(a, needle));
    return kept.length ? [{ ...item, actions: kept }] : [];
  });
};

function matches(action: SpotlightActionData, needle: string): boolean {
  return needle === '' || `${action.label ?? ''} ${action.description ?? ''}`.toLowerCase().includes(needle);
}

/** Ctrl/Cmd+K: jump to any screen the role may open, or to a partner by name or code. */
export function CommandPalette() {
  const navigate = useNavigate();
  const canOpen = useCanOpenPath();
  const canFindPartners = useCan('partners.list');
  const [query, setQuery] = useState('');
  const [q] = useDebouncedValue(query.trim(), 200);
  const found = useProcQuery(
    'partners.list',
    { q, limit: PARTNER_RESULTS, sort: { field: 'code', direction: 'asc' } },
    { enabled: canFindPartners && q.length > 0, placeholderData: keepPreviousData },
  );

  const screens: SpotlightActionData[] = NAV_ITEMS.filter((item) => canOpen(item.to)).map(({ to, key, label, icon: ItemIcon }) => ({
    id: `screen-${key}`,
    label,
    description: 'Screen',
    leftSection: <ItemIcon size={18} stroke={1.6} />,
    onClick: () => void navigate({ to }),
  }));
  const partners: SpotlightActionData[] =
    q && found.data
      ? found.data.rows.map((p) => ({
          id: `partner-${p.id}`,
          label: p.displayName,
          description: p.displayName === p.legalName ? p.code : `${p.code} · ${p.legalName}`,
          leftSection: <IconUsersGroup size={18} stroke={1.6} />,
          onClick: () => void navigate({ to: '/partners/$id/$tab', params: { id: p.id, tab: 'profile' } }),
        }))
      : [];
  const actions: SpotlightActions[] = [
    { group: 'Screens', actions: screens },
    ...(partners.length ? [{ group: PARTNER_GROUP, actions: partners }] : []),
  ];

  return (
    <Spotlight
      actions={actions}
      filter={filter}
      query={query}
      onQueryChange={setQuery}
      shortcut="mod + K"
      // The shortcut works from a text field too, as in other desktop apps.
      tagsToIgnore={[]}
      nothingFound={q && found.isFetching ? 'Searching…' : 'No screen or partner matches'}
      highlightQuery
      scrollable
      maxHeight={420}
      searchProps={{
        leftSection: <IconSearch size={18} stroke={1.6} />,
        placeholder: canFindPartners ? 'Go to a screen, or find a partner by name or code…' : 'Go to a screen…',
        'aria-label': 'Search screens and partners',
      }}
    />
  );
}

/** The header's visible way to the palette, with its shortcut. */
export function CommandPaletteButton() {
  return (
    <UnstyledButton
      onClick={() => spotlight.open()}
      // Named by what it shows ("Search… Ctrl K"), so that a voice user can say what they see (WCAG 2.5.3).
      title="Search screens and partners"
      aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
      px="sm"
      py={6}
      w={260}
      style={{ borderRadius: 'var(--mantine-radius-sm)', border: '1px solid var(--pd-border-subtle)' }}
      data-testid="command-palette-open"
    >
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <Group gap={6} wrap="nowrap">
          <IconSearch size={16} stroke={1.6} />
          <Text size="sm" c="dimmed">
            Search…
          </Text>
        </Group>
        <Group gap={2} wrap="nowrap">
          <Kbd size="xs">{isMac ? '⌘' : 'Ctrl'}</Kbd>
          <Kbd size="xs">K</Kbd>
        </Group>
      </Group>
    </UnstyledButton>
  );
}
