/** The provider layer's public surface (what the rest of the core imports). */
export type * from './types.ts';
export { CAPABILITIES, EIMS_LIMITS, GSMBOX_LIMITS, JSMS_LIMITS } from './capabilities.ts';
export { capabilitiesOf, createProviderClient, kindsWith, type ProviderClient } from './registry.ts';
export { ProviderError, isProviderError, surelyNotSent, type CallOutcome } from './errors.ts';
export * from './chunking.ts';
export { createProviderService, outcomeOf, type ConnectionTestResult, type ProviderService, type ProviderServiceDeps, type ServiceAccount } from './service.ts';
export { createJsmsClient, type JsmsAccount, type JsmsClient } from './jsms/client.ts';
export { createEimsClient, type EimsAccount, type EimsClient } from './eims/client.ts';
export { createGsmboxClient, type GsmboxAccount, type GsmboxClient } from './gsmbox/client.ts';
export { parseEimsPush, type EimsPush } from './eims/push.ts';
export { parseEimsReportRow, parseEimsInboundRow, type EimsReportRow, type EimsInboundRow } from './eims/rows.ts';
export { parseBoxPush, queryOf as boxPushQueryOf, type BoxPush, type BoxPushNames } from './gsmbox/push-query.ts';
export type { GsmboxPushSettings } from './gsmbox/schemas.ts';
