/**
 * Import column rules shared by the renderer and the import engine. No zod here (unlike
 * contacts.ts): the import worker loads this module, and zod alone would add ~14 MB to it.
 */

/** `{phone}` always means the recipient's own number, so no column variable may take that name. */
export const RESERVED_VARIABLES: readonly string[] = ['phone'];

/** Columns past this one are not scored nor turned into variables (a stray cell in column XFD must not cost memory). */
export const MAX_IMPORT_COLUMNS = 256;
