import { randomBytes } from 'node:crypto';

/**
 * Files the receiver serves to providers (EIMS `numbersrc=1`: numbers as an .xls by URL), each at an
 * unguessable path that stops working after its time to live. Held in memory, bounded in total size.
 */
export interface FileOffer {
  bytes: Uint8Array;
  contentType: string;
  fileName: string;
  /** How long the URL works, in ms. */
  ttlMs: number;
}

interface Held {
  bytes: Uint8Array;
  contentType: string;
  fileName: string;
  expiresAt: number;
}

export const MAX_OFFERED_BYTES = 256 * 1024 * 1024;

export function createFileOffers(now: () => number) {
  const held = new Map<string, Held>();
  let total = 0;

  function sweep() {
    const t = now();
    for (const [id, f] of held) {
      if (f.expiresAt <= t) {
        held.delete(id);
        total -= f.bytes.byteLength;
      }
    }
  }

  return {
    /** Holds the file; returns its id (the unguessable part of the path) and when it expires. */
    add(offer: FileOffer): { id: string; expiresAt: number } {
      sweep();
      if (offer.bytes.byteLength > MAX_OFFERED_BYTES) throw new RangeError('file too large to offer');
      while (total + offer.bytes.byteLength > MAX_OFFERED_BYTES && held.size > 0) {
        const [oldest, f] = held.entries().next().value as [string, Held];
        held.delete(oldest);
        total -= f.bytes.byteLength;
      }
      const id = randomBytes(24).toString('base64url');
      const expiresAt = now() + Math.max(1000, offer.ttlMs);
      held.set(id, { bytes: offer.bytes, contentType: offer.contentType, fileName: offer.fileName, expiresAt });
      total += offer.bytes.byteLength;
      return { id, expiresAt };
    },
    /** The file for an id, or undefined when unknown or expired. */
    get(id: string): Held | undefined {
      sweep();
      return held.get(id);
    },
    clear() {
      held.clear();
      total = 0;
    },
  };
}

export type FileOffers = ReturnType<typeof createFileOffers>;
