import { Alert, Button, ButtonRow, DateInput, Flex, Input, NumberInput, Text } from '@hubspot/ui-extensions';
import { useEffect, useState } from 'react';
import { ConflictList } from './ConflictList.js';
import { day } from './format.js';
import { formErrorsOf, waitingFor, type FormErrors } from './formErrors.js';
import { PartnerPicker } from './PartnerPicker.js';
import type { Customer, DealFacts } from './record.js';
import { TrellisError, trellis, write } from './trellis.js';
import type { CardConflict, CardRegistration, CheckReply, PartnerSummary } from './types.js';

/** The live conflict check waits for the rep to stop typing. */
const DEBOUNCE_MS = 300;

type BaseDate = { year: number; month: number; date: number };
// DateInput months are 0-based, like JavaScript's Date.
const toBaseDate = (iso: string): BaseDate => ({ year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)) - 1, date: Number(iso.slice(8, 10)) });
const toIso = (d: BaseDate): string => `${d.year}-${String(d.month + 1).padStart(2, '0')}-${String(d.date).padStart(2, '0')}`;
const inNinetyDays = (): string => new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);

type Field = 'partner' | 'products' | 'amount' | 'closeDate';

/** The API's field paths, by the form field that shows them; the currency is named in the amount's label. */
const FIELD_OF_PATH: Record<string, Field> = { partnerId: 'partner', products: 'products', amount: 'amount', currency: 'amount', expectedCloseDate: 'closeDate' };

const NO_ERRORS: FormErrors<Field> = { fields: {}, form: null };

/** The partner's open registration a second one would repeat, as the API names it in a 409. */
type Duplicate = { registrationId: string; existing: CardRegistration | undefined };

type Check = { state: 'idle' } | { state: 'checking' } | { state: 'done'; conflicts: CardConflict[]; total: number } | { state: 'failed'; message: string | null };

/**
 * Registers the record's deal for a partner; conflicts are checked live before anything is
 * submitted. Refusals are shown where they belong: at the field, or, for a registration the
 * partner already holds, as a pointer to that one.
 */
export function RegisterForm({
  customer,
  deal,
  registrations,
  onRegistered,
  onCancel,
  onShowRegistration,
}: {
  customer: Customer;
  deal: DealFacts | null;
  /** The registrations the card shows, to name the one a duplicate repeats. */
  registrations: CardRegistration[];
  onRegistered: (registration: CardRegistration) => void;
  onCancel: () => void;
  onShowRegistration: (id: string) => void;
}) {
  const [partner, setPartner] = useState<PartnerSummary | null>(null);
  const [products, setProducts] = useState(deal?.products.join(', ') ?? '');
  const [amount, setAmount] = useState<number | null>(deal?.amount ?? null);
  const [closeDate, setCloseDate] = useState<string>(deal?.closeDate ?? inNinetyDays());
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const [submitting, setSubmitting] = useState(false);
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_ERRORS);
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const currency = deal?.currency ?? 'USD';

  /** Editing a field clears what was said about it. */
  const edited = <V,>(field: Field, set: (v: V) => void) => (v: V) => {
    set(v);
    setDuplicate(null);
    setErrors((e) => (e.fields[field] === undefined ? e : { ...e, fields: { ...e.fields, [field]: undefined } }));
  };

  const productList = products.split(',').map((p) => p.trim()).filter(Boolean);
  const input =
    partner && productList.length > 0 && amount !== null
      ? {
          partnerId: partner.id,
          customer: { name: customer.name, ...(customer.domain && { domain: customer.domain }), ...(customer.country && { country: customer.country }) },
          products: productList,
          amount,
          currency,
          expectedCloseDate: closeDate,
        }
      : null;
  const inputKey = JSON.stringify(input);
  const missing = [!partner && 'pick a partner', productList.length === 0 && 'name the products', amount === null && 'enter an amount'].filter((m): m is string => Boolean(m));

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
        (err: unknown) => {
          if (!current) return;
          // Input the API refuses is said at its field as soon as the check finds it, not only on submit.
          const found = formErrorsOf(err, FIELD_OF_PATH);
          setErrors((e) => ({ ...e, fields: { ...e.fields, ...found.fields } }));
          setCheck({ state: 'failed', message: found.form });
        },
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
    setErrors(NO_ERRORS);
    setDuplicate(null);
    try {
      const reply = await write<{ registration: CardRegistration }>('/registrations', deal ? { ...input, crmDealRef: deal.ref } : input);
      onRegistered(reply.registration);
    } catch (err) {
      const existingId = err instanceof TrellisError && err.code === 'duplicate_registration' && !Array.isArray(err.details) ? err.details.existingRegistrationId : undefined;
      if (typeof existingId === 'string') setDuplicate({ registrationId: existingId, existing: registrations.find((r) => r.id === existingId) });
      else setErrors(formErrorsOf(err, FIELD_OF_PATH));
    } finally {
      setSubmitting(false);
    }
  };

  const fieldError = (field: Field) => ({ error: errors.fields[field] !== undefined, validationMessage: errors.fields[field] });
  const waiting = waitingFor(missing, 'register');

  return (
    <Flex direction="column" gap="sm">
      <PartnerPicker value={partner} onChange={edited('partner', setPartner)} error={errors.fields.partner} />
      <Input
        name="products"
        label="Products"
        placeholder="e.g. Analytics Suite, Payments"
        description="Separate products with commas"
        required
        value={products}
        onInput={edited('products', setProducts)}
        {...fieldError('products')}
        testId="products"
      />
      <Flex gap="sm">
        <NumberInput name="amount" label={`Amount (${currency})`} required min={0} value={amount ?? undefined} onChange={edited('amount', setAmount)} {...fieldError('amount')} testId="amount" />
        <DateInput
          name="closeDate"
          label="Expected close"
          required
          format="YYYY-MM-DD"
          value={toBaseDate(closeDate)}
          onChange={(d) => d && edited('closeDate', setCloseDate)(toIso(d))}
          {...fieldError('closeDate')}
          testId="close-date"
        />
      </Flex>
      {check.state === 'checking' && <Text variant="microcopy">Checking for channel conflicts…</Text>}
      {check.state === 'failed' && check.message && <Alert title="The conflict check did not run" variant="warning">{check.message}</Alert>}
      {check.state === 'done' && check.conflicts.length === 0 && (
        <Alert title="No channel conflicts" variant="success" testId="check-clear">
          No other partner has registered {customer.name} for these products.
        </Alert>
      )}
      {check.state === 'done' && <ConflictList conflicts={check.conflicts} total={check.total} testId="check-conflict" />}
      {duplicate && (
        <Alert
          title={`Already registered by ${duplicate.existing?.partner.name ?? partner?.name ?? 'this partner'}${duplicate.existing ? ` on ${day(duplicate.existing.submittedAt)}` : ''}`}
          variant="warning"
          testId="already-registered"
        >
          <Text>The partner already holds an open registration of {customer.name} for these products; ask for that one to be extended instead.</Text>
          {duplicate.existing && (
            <Button variant="secondary" size="sm" onClick={() => onShowRegistration(duplicate.registrationId)} testId="show-existing">
              Show that registration
            </Button>
          )}
        </Alert>
      )}
      {errors.form && (
        <Alert title="Not registered" variant="error" testId="register-error">
          {errors.form}
        </Alert>
      )}
      <ButtonRow>
        <Button variant="primary" disabled={!input || submitting} onClick={() => void submit()} testId="register-submit">
          {waiting ?? (check.state === 'done' && check.conflicts.length > 0 ? 'Register anyway for review' : 'Register deal')}
        </Button>
        <Button variant="secondary" disabled={submitting} onClick={onCancel} testId="register-cancel">
          Cancel
        </Button>
      </ButtonRow>
    </Flex>
  );
}
