/** Where a cache stands with main: not asked yet, asking, has an answer, or has an error to show. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
