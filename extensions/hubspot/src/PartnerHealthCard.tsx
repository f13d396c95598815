import { Alert, DescriptionList, DescriptionListItem, Flex, Heading, List, Statistics, StatisticsItem, StatisticsTrend, StatusTag, Tag, Text } from '@hubspot/ui-extensions';
import { Certifications } from './Certifications.js';
import { day, money } from './format.js';
import { HealthComponents } from './HealthComponents.js';
import { useCompanyRecord } from './record.js';
import { Empty, Failed, Loading } from './states.js';
import { query, useTrellis } from './trellis.js';
import type { HealthReply } from './types.js';

const TREND_LABEL = { up: 'Improving', flat: 'Steady', down: 'Declining', new: 'First score' } as const;

function Health({ reply }: { reply: HealthReply }) {
  // Most companies a rep opens are customers: one quiet line, not a placeholder picture on every record.
  if (!reply.partner) return <Text variant="microcopy">Not a partner. Partner health shows on a partner's company record, matched on its web domain.</Text>;
  const { partner, health, activity, pipeline, certifications } = reply;
  return (
    <Flex direction="column" gap="md">
      <Flex justify="between" align="center">
        <Heading>{partner.name}</Heading>
        <Tag>{partner.tier}</Tag>
      </Flex>
      {health ? (
        <Statistics>
          <StatisticsItem label="Health score" number={health.score} testId="health-score">
            {health.previousScore !== null && health.trend !== 'flat' && (
              <StatisticsTrend direction={health.trend === 'down' ? 'decrease' : 'increase'} value={`${Math.abs(health.score - health.previousScore)} pts`} color={health.trend === 'down' ? 'red' : 'green'} />
            )}
          </StatisticsItem>
          <StatisticsItem label="Trend" number={TREND_LABEL[health.trend]} />
        </Statistics>
      ) : (
        <Text testId="not-scored">{reply.notScored ?? `Health is scored for onboarding, active and at-risk partners; this partner is ${partner.status}.`}</Text>
      )}
      {health?.evaluatedAt && <Text variant="microcopy" testId="evaluated-at">Evaluated {day(health.evaluatedAt)}</Text>}
      {health?.atRisk ? (
        <Alert title="At risk" variant="danger" testId="at-risk">
          <List variant="unordered-styled">
            {(health.reasons.length ? health.reasons : ['Marked at risk']).map((r) => (
              <Text key={r}>{r}</Text>
            ))}
          </List>
        </Alert>
      ) : (
        health && <StatusTag variant="success">Healthy</StatusTag>
      )}
      {health && (
        <>
          <Heading>What the score is made of</Heading>
          <HealthComponents components={health.components} summary={health.summary} />
        </>
      )}
      {activity && (
        <DescriptionList direction="row">
          <DescriptionListItem label="Registered, last 90 days">{`${activity.submittedLast90} (previous 90: ${activity.submittedPrevious90})`}</DescriptionListItem>
          <DescriptionListItem label="Won / lost, last year">{`${activity.won} / ${activity.lost}`}</DescriptionListItem>
          <DescriptionListItem label="Rejected or lapsed">{`${activity.rejected + activity.expired}`}</DescriptionListItem>
        </DescriptionList>
      )}
      <Heading>Open pipeline</Heading>
      {pipeline.length === 0 ? (
        <Text>No pending or approved registrations.</Text>
      ) : (
        <List variant="unordered">
          {pipeline.map((p) => (
            <Text key={p.currency} testId="pipeline">
              {money(p.amount, p.currency)} in {p.count} {p.count === 1 ? 'registration' : 'registrations'}
            </Text>
          ))}
        </List>
      )}
      <Heading>Certifications</Heading>
      <Certifications certifications={certifications} />
    </Flex>
  );
}

/** Partner health, on the company records of partners. */
export function PartnerHealthCard() {
  const record = useCompanyRecord();
  const domain = record.value?.domain ?? null;
  const reply = useTrellis<HealthReply>(record.value && domain ? `/partner-health${query({ domain })}` : null);
  if (record.loading) return <Loading label="Reading the company" />;
  if (record.error || !record.value) return <Failed title="The company could not be read" message={record.error?.message ?? 'The company has no name'} />;
  if (!domain) {
    return (
      <Empty title="No web domain on this company">
        <Text>Partners are matched to companies on their web domain; add it to see the partner's health.</Text>
      </Empty>
    );
  }
  if (reply.loading || (!reply.data && !reply.error)) return <Loading label="Scoring the partner" />;
  if (reply.error || !reply.data) return <Failed title="Partner health is unavailable" message={reply.error?.message ?? 'No answer'} onRetry={reply.reload} />;
  return <Health reply={reply.data} />;
}
