import { Button, ButtonRow, Flex, Text, TextArea } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { day } from './format.js';
import { useSending } from './sending.js';
import { write } from './trellis.js';
import type { CardRegistration } from './types.js';

/**
 * The approver's question about a registration ("Ask for details"), answered where the rep works:
 * the answer goes where the emailed link's would, into the Slack thread that asked.
 */
export function DetailsQuestion({ reg, onChanged }: { reg: CardRegistration; onChanged: () => void }) {
  const [answer, setAnswer] = useState('');
  const { busy, error, send } = useSending();
  const details = reg.detailsRequest;
  if (!details) return null;
  const testId = (name: string) => `${name}:${reg.id}`;

  const sendAnswer = () =>
    send(async () => {
      await write(`/registrations/${reg.id}/details-answer`, { answer });
      setAnswer('');
      onChanged();
    });

  return (
    <Flex direction="column" gap="xs">
      <Text format={{ fontWeight: 'demibold' }} testId={testId('details-question')}>
        {details.askedBy} asked on {day(details.askedAt)}: {details.question}
      </Text>
      {details.answer ? (
        <Text testId={testId('details-answer')}>
          Answered by {details.answer.by} on {day(details.answer.at)}: {details.answer.text}
        </Text>
      ) : (
        <>
          <TextArea name="details-answer" label="Your answer" value={answer} onInput={setAnswer} onChange={setAnswer} required testId={testId('details-answer-input')} />
          <ButtonRow>
            <Button variant="primary" disabled={busy || answer.trim() === ''} onClick={() => void sendAnswer()} testId={testId('send-details-answer')}>
              Send answer
            </Button>
          </ButtonRow>
        </>
      )}
      {error && <Text testId={testId('details-answer-error')}>{error}</Text>}
    </Flex>
  );
}
