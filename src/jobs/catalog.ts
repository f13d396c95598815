/**
 * Every queue and job Trellis runs, in one place. Payloads carry ids only — never
 * personal data or tokens, because job data is stored in clear text.
 */
export const QUEUES = {
  maintenance: 'maintenance',
} as const;

export const JOBS = {
  expireRegistrations: {
    queue: QUEUES.maintenance,
    name: 'expire-registrations',
    schedulerId: 'expire-registrations',
  },
} as const;
