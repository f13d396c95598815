import { Alert, Button, DateInput, Flex, Input, NumberInput, SearchInput, Select, Text } from '@hubspot/ui-extensions';
import { useEffect, useState } from 'react';
import { ConflictList } from './ConflictList.js';
import type { Customer, DealFacts } from './record.js';
import { query, trellis, write } from './trellis.js';
import type { CardConflict, CheckReply, PartnerSummary } from './types.js';

const DEBOUNCE_MS = 300;

type BaseDate = { year: number; month: number; date: number };
// DateInput months are 0-based, like JavaScript's Date.
const toBaseDate = (iso: string): BaseDate => ({ year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)) - 1, date: Number(iso.slice(8, 10)) });
const toIso = (d: BaseDate): string => `${d.year}-${String(d.month + 1).padStart(2, '0')}-${String(d.date).padStart(2, '0')}`;
const inNinetyDays = (): string => new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);

type Check = { state: 'idle' } | { state: 'checking' } | { state: 'done'; conflicts: CardConflict[]; total: number } | { state: 'failed'; message: string };

/** Registers the record's deal for a partner; conflicts are checked live before anything is submitted. */
export function RegisterForm({ customer, deal, onRegistered }: { customer: Customer; deal: DealFacts | null; onRegistered: () => void }) {
  const [search, setSearch] = useState('');
  const [partners, setPartners] = useState<PartnerSummary[]>([]);
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [products, setProducts] = useState(deal?.products.join(', ') ?? '');
  const [amount, setAmount] = useState<number | null>(deal?.amount ?? null);
  const [closeDate, setCloseDate] = useState<string>(deal?.closeDate ?? inNinetyDays());
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const currency = deal?.currency ?? 'USD';

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      trellis<{ partners: PartnerSummary[] }>(`/partners${query({ q: search })}`).then(
        (r) => current && setPartners(r.partners),
        () => current && setPartners([]),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [search]);

  const productList = products.split(',').map((p) => p.trim()).filter(Boolean);
  const input =
    partnerId && productList.length > 0 && amount !== null
      ? {
          partnerId,
          customer: { name: customer.name, ...(customer.domain && { domain: customer.domain }), ...(customer.country && { country: customer.country }) },
          products: productList,
          amount,
          currency,
          expectedCloseDate: closeDate,
        }
      : null;
  const inputKey = JSON.stringify(input);

  useEffect(() => {
    if (!input) {
      setCheck({ state: 'idle' });
      return;
    }
    let current = true;
    setCheck({ state: 'checking' });
    const timer = setTimeout(() => {
      trellis<CheckReply>('/registrations/check', { method: 'POST', body: input }).then(
        (r) => current && setCheck({ state: 'done', conflicts: r.conflicts, total: r.conflictCount }),
        (err: Error) => current && setCheck({ state: 'failed', message: err.message }),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // The serialized input is the dependency: a new object with the same content is no change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [inputKey]);

  const submit = async () => {
    if (!input) return;
    setSubmitting(true);
    setError(null);
    try {
      await write('/registrations', deal ? { ...input, crmDealRef: deal.ref } : input);
      onRegistered();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Flex direction="column" gap="sm">
      <SearchInput name="partnerSearch" label="Find a partner" placeholder="Partner name or domain" value={search} onInput={setSearch} testId="partner-search" />
      <Select
        name="partner"
        label="Partner"
        placeholder={partners.length ? 'Choose a partner' : 'No partner matches'}
        required
        value={partnerId ?? undefined}
        options={partners.map((p) => ({ label: `${p.name} · ${p.tier} · ${p.region}`, value: p.id }))}
        onChange={(v) => setPartnerId(String(v))}
        testId="partner-select"
      />
      <Input name="products" label="Products" placeholder="e.g. Analytics Suite, Payments" description="Separate products with commas" required value={products} onInput={setProducts} testId="products" />
      <Flex gap="sm">
        <NumberInput name="amount" label={`Amount (${currency})`} required min={0} value={amount ?? undefined} onChange={setAmount} testId="amount" />
        <DateInput name="closeDate" label="Expected close" required format="YYYY-MM-DD" value={toBaseDate(closeDate)} onChange={(d) => d && setCloseDate(toIso(d))} testId="close-date" />
      </Flex>
      {check.state === 'checking' && <Text variant="microcopy">Checking for channel conflicts…</Text>}
      {check.state === 'failed' && <Alert title="The conflict check did not run" variant="warning">{check.message}</Alert>}
      {check.state === 'done' && check.conflicts.length === 0 && (
        <Alert title="No channel conflicts" variant="success" testId="check-clear">
          No other partner has registered {customer.name} for these products.
        </Alert>
      )}
      {check.state === 'done' && <ConflictList conflicts={check.conflicts} total={check.total} testId="check-conflict" />}
      {error && (
        <Alert title="Not registered" variant="error">
          {error}
        </Alert>
      )}
      <Button variant="primary" disabled={!input || submitting} onClick={() => void submit()} testId="register-submit">
        {check.state === 'done' && check.conflicts.length > 0 ? 'Register anyway for review' : 'Register deal'}
      </Button>
    </Flex>
  );
}
