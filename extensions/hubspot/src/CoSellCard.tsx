import { Button, Flex, Heading, List, Select, StatusTag, Tag, Text, TextArea, Tile, useExtensionContext } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { day } from './format.js';
import { useSending } from './sending.js';
import { useDealRecord, type Customer } from './record.js';
import { Empty, Failed, Loading } from './states.js';
import { query, useTrellis, write } from './trellis.js';
import type { CoSellReply, PartnerSummary } from './types.js';

const ROLES = [
  { label: 'Co-sell', value: 'co_sell' },
  { label: 'Implementation', value: 'implementation' },
  { label: 'Referral', value: 'referral' },
];
const ROLE_LABEL = Object.fromEntries(ROLES.map((r) => [r.value, r.label]));
const STATUS_VARIANT: Record<string, 'default' | 'info' | 'success' | 'warning' | 'danger'> = {
  requested: 'warning',
  accepted: 'info',
  active: 'success',
  declined: 'danger',
  closed: 'default',
};

function Request({ partner, customer, dealRef, onRequested }: { partner: PartnerSummary; customer: Customer; dealRef: string; onRequested: () => void }) {
  const [role, setRole] = useState('co_sell');
  const [note, setNote] = useState('');
  const { busy, error, send } = useSending();
  const request = () =>
    send(async () => {
      const body = { partnerId: partner.id, customer: { name: customer.name, domain: customer.domain, country: customer.country }, role, crmDealRef: dealRef, ...(note.trim() && { note }) };
      await write('/co-sell', body);
      onRequested();
    });
  return (
    <Flex direction="column" gap="xs">
      <Select name="role" label="Role" value={role} options={ROLES} onChange={(v) => setRole(String(v))} />
      <TextArea name="note" label="Note to the partner manager" value={note} onInput={setNote} rows={2} />
      <Button variant="primary" disabled={busy} onClick={() => void request()} testId="request-co-sell">
        Request co-selling with {partner.name}
      </Button>
      {error && <Text>{error}</Text>}
    </Flex>
  );
}

function CoSell({ customer, products, dealRef }: { customer: Customer; products: string[]; dealRef: string }) {
  const reply = useTrellis<CoSellReply>(`/co-sell${query({ name: customer.name, domain: customer.domain, country: customer.country, products: products.join(',') })}`);
  const [chosen, setChosen] = useState<string | null>(null);
  if (reply.loading && !reply.data) return <Loading label="Finding partners" />;
  if (reply.error || !reply.data) return <Failed title="Co-sell suggestions are unavailable" message={reply.error?.message ?? 'No answer'} onRetry={reply.reload} />;
  const { suggestions, engagements } = reply.data;
  return (
    <Flex direction="column" gap="md">
      {engagements.length > 0 && (
        <Flex direction="column" gap="xs">
          <Heading>Engaged partners</Heading>
          {engagements.map((e) => (
            <Flex key={e.id} justify="between" align="center">
              <Text>
                {e.partner?.name ?? 'A removed partner'} · {ROLE_LABEL[e.role] ?? e.role}
              </Text>
              <StatusTag variant={STATUS_VARIANT[e.status] ?? 'default'} testId="engagement-status">
                {e.status}
              </StatusTag>
            </Flex>
          ))}
          <Text variant="microcopy">Requested by {engagements[0]!.requestedBy} on {day(engagements[0]!.requestedAt)}</Text>
        </Flex>
      )}
      <Heading>Suggested partners</Heading>
      {suggestions.length === 0 && (
        <Empty title="No partner to suggest">
          <Text>No active partner works in this region or with these products yet.</Text>
        </Empty>
      )}
      {suggestions.map((s) => (
        <Tile key={s.partner.id} compact testId="co-sell-suggestion">
          <Flex direction="column" gap="xs">
            <Flex justify="between" align="center">
              <Text format={{ fontWeight: 'demibold' }}>{s.partner.name}</Text>
              <Tag variant={s.score >= 60 ? 'success' : 'default'}>Fit {s.score}</Tag>
            </Flex>
            <List variant="inline-divided">
              {s.reasons.map((r) => (
                <Text key={r} variant="microcopy">
                  {r}
                </Text>
              ))}
            </List>
            {chosen === s.partner.id ? (
              <Request partner={s.partner} customer={customer} dealRef={dealRef} onRequested={() => { setChosen(null); reply.reload(); }} />
            ) : (
              <Button variant="secondary" size="sm" onClick={() => setChosen(s.partner.id)}>
                Ask to co-sell
              </Button>
            )}
          </Flex>
        </Tile>
      ))}
      <Text variant="microcopy">Ranked by your routing rules: region, specialties, tier, registration record and open referrals.</Text>
    </Flex>
  );
}

/** Co-selling on deal records: suggested partners, requests, and who is engaged in which role. */
export function CoSellCard() {
  const record = useDealRecord();
  if (record.loading) return <Loading label="Reading the deal" />;
  if (record.error || !record.value) return <Failed title="The deal could not be read" message={record.error?.message ?? 'No properties came back'} />;
  const { deal, customer } = record.value;
  if (!customer) {
    return (
      <Empty title="No company on this deal">
        <Text>Associate the customer's company with the deal to see partners who can help close it.</Text>
      </Empty>
    );
  }
  return <CoSell customer={customer} products={deal.products} dealRef={deal.ref} />;
}
