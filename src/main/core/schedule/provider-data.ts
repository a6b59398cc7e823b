import type { EimsJobOptions, ProviderPart } from '../../../shared/schedules.ts';

/** What the app remembers of a provider-side schedule (stored as JSON in schedules.provider_data). */
export interface ProviderData {
  /** The provider's schedules or jobs behind this one (a JSMS batch over 1000 recipients spans several). */
  parts?: ProviderPart[];
  /** Recipients handed to the provider. */
  recipients?: number;
  /** EIMS jobs: the options sent, and where the numbers file is served when it was too big to inline. */
  job?: EimsJobOptions & { numbersUrl: string | null; numbersUrlExpiresAt: number | null; numbersUrlWarning: string | null };
}
