import { OPPORTUNITY_STAGES } from '../schema/standardObjects';
import type { StoredRecord } from '../state';

/**
 * Fields the platform computes from others: full names, and the closed/won flags,
 * probability and forecast category an Opportunity stage implies.
 */
export function deriveFields(objectName: string, record: StoredRecord, touched: ReadonlySet<string>): void {
  if (objectName === 'Contact' || objectName === 'User') {
    record.Name = [record.FirstName, record.LastName].filter((part) => typeof part === 'string' && part !== '').join(' ');
  }
  if (objectName === 'Opportunity') {
    const stage = OPPORTUNITY_STAGES.find((s) => s.name === record.StageName);
    if (!stage) return;
    record.IsClosed = stage.closed;
    record.IsWon = stage.won;
    // A stage change resets probability and forecast category unless the same write sets them.
    if (touched.has('StageName') && !touched.has('Probability')) record.Probability = stage.probability;
    if (touched.has('StageName') && !touched.has('ForecastCategoryName')) record.ForecastCategoryName = stage.forecast;
  }
}
