import type { ProviderKind } from '../../../shared/accounts.ts';
import { CHINA_UTC_OFFSET_MINUTES } from './provider-time.ts';
import type { ProviderCapabilities } from './types.ts';

/** Limits from the specs, enforced before any request. */
export const JSMS_LIMITS = { recipientsPerBatch: 1000, tagLength: 10, voiceCodeMin: 4, voiceCodeMax: 8, recordsPerPull: 500, pullGapMs: 5_000 } as const;
export const EIMS_LIMITS = {
  numbersPerGet: 100,
  numbersPerPost: 10_000,
  contentLength: 1024,
  jobNameLength: 64,
  idsPerReport: 200,
  inlineJobNumbersBytes: 4 * 1024,
  inboundPerCall: 50,
  pushRows: 50,
} as const;
export const GSMBOX_LIMITS = { numbersPerSend: 1 } as const;

export const CAPABILITIES: Readonly<Record<ProviderKind, ProviderCapabilities>> = {
  jsms: {
    freeText: false,
    perNumberText: true, // via template parameters per recipient
    templates: true,
    templateManagement: true,
    verificationCodes: true,
    voiceCodes: true,
    serverSchedule: true,
    jobs: false,
    balance: true,
    ports: false,
    reportPolling: false,
    outboxPolling: false,
    inboundPolling: false,
    pushFormats: ['jsms-callback-form'],
    maxNumbersPerCall: JSMS_LIMITS.recipientsPerBatch,
    maxIdsPerReportQuery: null,
    maxContentLength: 350,
    sendsAreIdempotent: false,
    providerUtcOffsetMinutes: CHINA_UTC_OFFSET_MINUTES,
  },
  eims: {
    freeText: true,
    perNumberText: true,
    templates: false,
    templateManagement: false,
    verificationCodes: false,
    voiceCodes: false,
    serverSchedule: true,
    jobs: true,
    balance: true,
    ports: false,
    reportPolling: true,
    outboxPolling: false,
    inboundPolling: true,
    pushFormats: ['eims-put-json'],
    maxNumbersPerCall: EIMS_LIMITS.numbersPerPost,
    maxIdsPerReportQuery: EIMS_LIMITS.idsPerReport,
    maxContentLength: EIMS_LIMITS.contentLength,
    sendsAreIdempotent: false,
    providerUtcOffsetMinutes: CHINA_UTC_OFFSET_MINUTES,
  },
  gsmbox: {
    freeText: true,
    perNumberText: true,
    templates: false,
    templateManagement: false,
    verificationCodes: false,
    voiceCodes: false,
    serverSchedule: false,
    jobs: false,
    balance: false,
    ports: true,
    reportPolling: false,
    outboxPolling: true,
    inboundPolling: false,
    pushFormats: ['gsmbox-get-query'],
    maxNumbersPerCall: GSMBOX_LIMITS.numbersPerSend,
    maxIdsPerReportQuery: null,
    maxContentLength: null,
    sendsAreIdempotent: false,
    providerUtcOffsetMinutes: null,
  },
};
