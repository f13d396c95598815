import { Accordion, Alert, Button, Divider, Flex, Heading, Text, useExtensionContext } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { useCompanyRecord, useDealRecord, type Customer, type DealFacts } from './record.js';
import { RegisterForm } from './RegisterForm.js';
import { RegistrationTile } from './RegistrationTile.js';
import { day } from './format.js';
import { Empty, Failed, Loading } from './states.js';
import { query, useTrellis } from './trellis.js';
import type { CardRegistration, RecordRegistrations } from './types.js';

/** HubSpot's deal type id. */
const DEAL = '0-3';

/** What the rep just did, said until dismissed or the next action: who decides, or how long it is protected. */
function Confirmation({ registration, onDismiss }: { registration: CardRegistration; onDismiss: () => void }) {
  const approver = registration.awaiting?.approver;
  const title =
    registration.status === 'approved' && registration.protection
      ? `Approved — protected until ${day(registration.protection.expiresAt)}`
      : approver
        ? `Sent to ${approver.name} for approval`
        : 'Registered; waiting for approval';
  return (
    <Alert title={title} variant="success" testId="registration-confirmation">
      <Text>
        {registration.partner.name}'s registration of {registration.customer.name} is recorded.
        {!approver && registration.awaiting ? ` ${registration.awaiting.line}.` : ''}
      </Text>
      <Button variant="secondary" size="sm" onClick={onDismiss} testId="dismiss-confirmation">
        Dismiss
      </Button>
    </Alert>
  );
}

function Registrations({ customer, deal }: { customer: Customer; deal: DealFacts | null }) {
  const list = useTrellis<RecordRegistrations>(`/registrations${query({ name: customer.name, domain: customer.domain, crmDealRef: deal?.ref })}`);
  const [registering, setRegistering] = useState(false);
  const [confirmed, setConfirmed] = useState<CardRegistration | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const [othersOpen, setOthersOpen] = useState(false);
  if (list.loading && !list.data) return <Loading label="Loading deal registrations" />;
  if (list.error) return <Failed title="Deal registrations are unavailable" message={list.error.message} onRetry={list.reload} />;
  const registrations = list.data?.registrations ?? [];
  const windowDays = list.data?.rules.protectionWindowDays ?? 90;
  // On a deal, the registrations made from it come first; the customer's others fold away below.
  const thisDeal = deal ? registrations.filter((r) => r.forThisDeal) : registrations;
  const others = deal ? registrations.filter((r) => !r.forThisDeal) : [];

  /** Every action starts afresh: the last confirmation and pointer are said and done. */
  const acting = () => {
    setConfirmed(null);
    setShown(null);
  };
  const changed = () => {
    acting();
    list.reload();
  };
  const registered = (registration: CardRegistration) => {
    setRegistering(false);
    setShown(null);
    setConfirmed(registration);
    list.reload();
  };
  const show = (id: string) => {
    setRegistering(false);
    setShown(id);
    if (others.some((r) => r.id === id)) setOthersOpen(true);
  };
  const tile = (r: CardRegistration) => <RegistrationTile key={r.id} reg={r} windowDays={windowDays} onChanged={changed} pointedAt={r.id === shown} />;

  return (
    <Flex direction="column" gap="md">
      {confirmed && <Confirmation registration={confirmed} onDismiss={() => setConfirmed(null)} />}
      {registrations.length === 0 && !registering && (
        <Empty title="No partner has registered this deal">
          <Text>Register it for the partner who brought it, and Trellis checks for channel conflicts first.</Text>
        </Empty>
      )}
      {deal && registrations.length > 0 && (
        <>
          <Heading>This deal</Heading>
          {thisDeal.length === 0 && <Text testId="this-deal-none">No partner has registered this deal yet.</Text>}
        </>
      )}
      {thisDeal.map(tile)}
      {others.length > 0 && (
        <Accordion
          title={`${others.length} other ${others.length === 1 ? 'registration' : 'registrations'} for ${customer.name}`}
          open={othersOpen}
          onClick={() => setOthersOpen((open) => !open)}
          testId="other-registrations"
        >
          <Flex direction="column" gap="sm">
            {others.map(tile)}
          </Flex>
        </Accordion>
      )}
      <Divider />
      {registering ? (
        <RegisterForm customer={customer} deal={deal} registrations={registrations} onRegistered={registered} onCancel={() => setRegistering(false)} onShowRegistration={show} />
      ) : (
        <Button
          variant={registrations.length ? 'secondary' : 'primary'}
          onClick={() => {
            acting();
            setRegistering(true);
          }}
          testId="start-registration"
        >
          Register {deal ? 'this deal' : 'a deal'} for a partner
        </Button>
      )}
    </Flex>
  );
}

function DealView() {
  const record = useDealRecord();
  if (record.loading) return <Loading label="Reading the deal" />;
  if (record.error || !record.value) return <Failed title="The deal could not be read" message={record.error?.message ?? 'No properties came back'} />;
  const { deal, customer } = record.value;
  if (!customer) {
    return (
      <Empty title="No company on this deal">
        <Text>Associate the customer's company with the deal; registrations and conflicts are matched on it.</Text>
      </Empty>
    );
  }
  return <Registrations customer={customer} deal={deal} />;
}

function CompanyView() {
  const record = useCompanyRecord();
  if (record.loading) return <Loading label="Reading the company" />;
  if (record.error || !record.value) return <Failed title="The company could not be read" message={record.error?.message ?? 'The company has no name'} />;
  return <Registrations customer={record.value} deal={null} />;
}

/** Deal registration, on deal and company records. */
export function DealRegistrationCard() {
  const context = useExtensionContext<'crm.record.tab'>();
  return String(context.crm.objectTypeId) === DEAL ? <DealView /> : <CompanyView />;
}
