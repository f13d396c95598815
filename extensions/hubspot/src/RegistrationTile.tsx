import { Button, ButtonRow, DescriptionList, DescriptionListItem, Flex, Heading, ProgressBar, StatusTag, Text, TextArea, Tile } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { ConflictList } from './ConflictList.js';
import { DetailsQuestion } from './DetailsQuestion.js';
import { day, money, REGISTRATION_STATUS } from './format.js';
import { TrellisError, write } from './trellis.js';
import type { CardRegistration } from './types.js';

type Decision = { kind: 'none' } | { kind: 'rejecting' } | { kind: 'overriding' };

/** Test ids are unique on a card, and a card shows several registrations: each names its registration. */
const idOf = (reg: CardRegistration, name: string) => `${name}:${reg.id}`;

function Protection({ reg, windowDays }: { reg: CardRegistration; windowDays: number }) {
  if (!reg.protection) return null;
  const { daysLeft, expiresAt } = reg.protection;
  return (
    <>
      <Text format={{ fontWeight: 'demibold' }} testId={idOf(reg, 'protection')}>
        Protected for {daysLeft} more {daysLeft === 1 ? 'day' : 'days'}, until {day(expiresAt)}
      </Text>
      <ProgressBar value={daysLeft} maxValue={Math.max(windowDays, daysLeft)} variant={daysLeft <= 7 ? 'warning' : 'success'} aria-label="Protection window left" />
    </>
  );
}

/** One registration on the record: status, protection countdown, conflicts with evidence, and the manager's decision. */
export function RegistrationTile({
  reg,
  windowDays,
  onChanged,
  pointedAt = false,
}: {
  reg: CardRegistration;
  windowDays: number;
  onChanged: () => void;
  /** The registration a refused one repeats, which the rep asked to see. */
  pointedAt?: boolean;
}) {
  const [decision, setDecision] = useState<Decision>({ kind: 'none' });
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const status = REGISTRATION_STATUS[reg.status] ?? { label: reg.status, variant: 'default' as const };

  const decide = async (path: string, body: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await write(path, body);
      setDecision({ kind: 'none' });
      setReason('');
      onChanged();
    } catch (err) {
      if (err instanceof TrellisError && err.code === 'blocked_by_protected_registration') setDecision({ kind: 'overriding' });
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Tile testId={idOf(reg, 'registration')}>
      <Flex direction="column" gap="sm">
        {pointedAt && (
          <Text format={{ fontWeight: 'demibold' }} testId="registration-pointed-at">
            Registered {day(reg.submittedAt)}: the registration to extend
          </Text>
        )}
        <Flex justify="between" align="center">
          <Heading>{reg.partner.name}</Heading>
          <StatusTag variant={status.variant} testId={idOf(reg, 'registration-status')}>
            {status.label}
          </StatusTag>
        </Flex>
        <DescriptionList direction="row">
          <DescriptionListItem label="Amount">{money(reg.amount, reg.currency)}</DescriptionListItem>
          <DescriptionListItem label="Products">{reg.products.join(', ')}</DescriptionListItem>
          <DescriptionListItem label="Expected close">{day(reg.expectedCloseDate)}</DescriptionListItem>
          <DescriptionListItem label="Region">{reg.region}</DescriptionListItem>
        </DescriptionList>
        <Protection reg={reg} windowDays={windowDays} />
        {reg.awaiting && (
          <Text format={{ fontWeight: 'demibold' }} testId={idOf(reg, 'awaiting')}>
            {reg.awaiting.line}
          </Text>
        )}
        {reg.decision && (
          <Text variant="microcopy">
            {status.label} by {reg.decision.by} on {day(reg.decision.at)}
            {reg.decision.reason ? `: ${reg.decision.reason}` : ''}
          </Text>
        )}
        {reg.override && <Text variant="microcopy">Override by {reg.override.by}: {reg.override.reason}</Text>}
        <DetailsQuestion reg={reg} onChanged={onChanged} />
        <ConflictList conflicts={reg.conflicts} total={reg.conflictCount} testId={idOf(reg, 'registration-conflict')} />
        {reg.canDecide && decision.kind === 'none' && (
          <ButtonRow>
            <Button variant="primary" disabled={busy} onClick={() => void decide(`/registrations/${reg.id}/approve`, {})} testId={idOf(reg, 'approve')}>
              Approve
            </Button>
            <Button variant="destructive" disabled={busy} onClick={() => setDecision({ kind: 'rejecting' })} testId={idOf(reg, 'reject')}>
              Reject
            </Button>
          </ButtonRow>
        )}
        {reg.canDecide && decision.kind !== 'none' && (
          <>
            <TextArea
              name="reason"
              label={decision.kind === 'rejecting' ? 'Why is it rejected?' : 'Why override the protected registration?'}
              description={decision.kind === 'overriding' ? 'Another partner holds an approved, protected registration for this customer.' : undefined}
              value={reason}
              onInput={setReason}
              onChange={setReason}
              required
              testId={idOf(reg, 'decision-reason')}
            />
            <ButtonRow>
              <Button
                variant={decision.kind === 'rejecting' ? 'destructive' : 'primary'}
                disabled={busy || reason.trim() === ''}
                testId={idOf(reg, 'confirm-decision')}
                onClick={() =>
                  void (decision.kind === 'rejecting'
                    ? decide(`/registrations/${reg.id}/reject`, { reason })
                    : decide(`/registrations/${reg.id}/approve`, { override: { reason } }))
                }
              >
                {decision.kind === 'rejecting' ? 'Reject registration' : 'Approve with override'}
              </Button>
              <Button variant="secondary" disabled={busy} onClick={() => setDecision({ kind: 'none' })}>
                Cancel
              </Button>
            </ButtonRow>
          </>
        )}
        {error && <Text testId={idOf(reg, 'decision-error')}>{error}</Text>}
      </Flex>
    </Tile>
  );
}
