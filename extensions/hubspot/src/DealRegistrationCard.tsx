import { Button, Divider, Flex, Text, useExtensionContext } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { useCompanyRecord, useDealRecord, type Customer, type DealFacts } from './record.js';
import { RegisterForm } from './RegisterForm.js';
import { RegistrationTile } from './RegistrationTile.js';
import { Empty, Failed, Loading } from './states.js';
import { query, useTrellis } from './trellis.js';
import type { RecordRegistrations } from './types.js';

/** HubSpot's deal type id. */
const DEAL = '0-3';

function Registrations({ customer, deal }: { customer: Customer; deal: DealFacts | null }) {
  const list = useTrellis<RecordRegistrations>(`/registrations${query({ name: customer.name, domain: customer.domain })}`);
  const [registering, setRegistering] = useState(false);
  if (list.loading && !list.data) return <Loading label="Loading deal registrations" />;
  if (list.error) return <Failed title="Deal registrations are unavailable" message={list.error.message} onRetry={list.reload} />;
  const registrations = list.data?.registrations ?? [];
  const windowDays = list.data?.rules.protectionWindowDays ?? 90;
  const registered = () => {
    setRegistering(false);
    list.reload();
  };
  return (
    <Flex direction="column" gap="md">
      {registrations.length === 0 && !registering && (
        <Empty title="No partner has registered this deal">
          <Text>Register it for the partner who brought it, and Trellis checks for channel conflicts first.</Text>
        </Empty>
      )}
      {registrations.map((r) => (
        <RegistrationTile key={r.id} reg={r} windowDays={windowDays} onChanged={list.reload} />
      ))}
      <Divider />
      {registering ? (
        <RegisterForm customer={customer} deal={deal} onRegistered={registered} />
      ) : (
        <Button variant={registrations.length ? 'secondary' : 'primary'} onClick={() => setRegistering(true)} testId="start-registration">
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
