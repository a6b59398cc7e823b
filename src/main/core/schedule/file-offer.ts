/**
 * How a provider downloads a file from the app: the receiver serves bytes at an unguessable URL until
 * it expires (src/main/core/receiver). The schedule code needs only this function.
 */
export interface OfferedFile {
  url: string;
  expiresAt: number;
}

export type OfferFile = (file: { bytes: Uint8Array; contentType: string; fileName: string; ttlMs: number }) => OfferedFile | Promise<OfferedFile>;
