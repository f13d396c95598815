import { Select } from '@hubspot/ui-extensions';
import { useEffect, useState } from 'react';
import { query, trellis } from './trellis.js';
import type { PartnerSummary } from './types.js';

const DEBOUNCE_MS = 300;

type Found = { partners: PartnerSummary[]; total: number };

const label = (p: PartnerSummary) => `${p.name} · ${p.tier} · ${p.region}`;

/** "12 more — keep typing": the picker lists the best few matches and says when there are more. */
export const moreMatches = (shown: number, total: number): string | undefined => (total > shown ? `${total - shown} more — keep typing to narrow the list` : undefined);

/**
 * One searchable control for choosing the partner, like HubSpot's own: typing searches Trellis's
 * partners by name or domain, the best matches are listed, and the one chosen stays chosen while
 * the rep searches on.
 */
export function PartnerPicker({ value, onChange, error }: { value: PartnerSummary | null; onChange: (p: PartnerSummary) => void; error?: string | undefined }) {
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<Found>({ partners: [], total: 0 });

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      trellis<Found>(`/partners${query({ q: search })}`).then(
        (r) => current && setFound(r),
        () => current && setFound({ partners: [], total: 0 }),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [search]);

  const listed = value && !found.partners.some((p) => p.id === value.id) ? [value, ...found.partners] : found.partners;
  return (
    <Select
      name="partner"
      label="Partner"
      placeholder={found.partners.length || search === '' ? 'Type to search partners' : `No partner matches "${search}"`}
      required
      value={value?.id}
      options={listed.map((p) => ({ label: label(p), value: p.id }))}
      onInput={setSearch}
      onChange={(id) => {
        const chosen = listed.find((p) => p.id === String(id));
        if (chosen) onChange(chosen);
      }}
      description={moreMatches(found.partners.length, found.total)}
      error={error !== undefined}
      validationMessage={error}
      testId="partner-picker"
    />
  );
}
