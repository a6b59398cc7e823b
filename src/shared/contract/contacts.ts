import { z } from 'zod';
import { event, method } from './define.ts';
import type { ImportPhase, ImportPreview } from '../contacts.ts';
import {
  contactAddSchema,
  contactsRemoveSchema,
  contactsSearchSchema,
  contactUpdateSchema,
  importAnalyseSchema,
  importCommitSchema,
  importIdSchema,
  importOpenSchema,
  importRejectsExportSchema,
  listCreateSchema,
  listExportSchema,
  listIdSchema,
  listMergeSchema,
  listRenameSchema,
  optOutAddSchema,
  optOutExportSchema,
  optOutImportSchema,
  optOutRemoveSchema,
  optOutsListSchema,
  type ContactPage,
  type ContactRow,
  type FileDownload,
  type ImportCommitSummary,
  type ImportOpened,
  type ListView,
  type OptOutImportSummary,
  type OptOutPage,
} from '../contact-lists.ts';

export const contactsMethods = {
  /** Upload a file (base64); it is kept in main until commit or cancel. */
  importOpen: method<ImportOpened>()(importOpenSchema),
  /** Read, map and normalise with the given options (all detected when left out); large files run in a worker.
   * `rejects` holds the first 1,000 rejected rows (`counts.invalid` has them all; importRejectsExport writes every one). */
  importAnalyse: method<ImportPreview>()(importAnalyseSchema),
  /** Write the analysed contacts into a new or existing list in one transaction. */
  importCommit: method<ImportCommitSummary>()(importCommitSchema),
  /** Stop a running analysis and forget the upload. */
  importCancel: method<{ importId: string }>()(importIdSchema),
  importRejectsExport: method<FileDownload>()(importRejectsExportSchema),

  listsList: method<ListView[]>()(z.void()),
  listsCreate: method<ListView>()(listCreateSchema),
  listsRename: method<ListView>()(listRenameSchema),
  listsDelete: method<{ id: string }>()(listIdSchema),
  /** Copy the sources' contacts into the target (target's variables win), optionally deleting the sources. */
  listsMerge: method<ListView>()(listMergeSchema),
  listsExport: method<FileDownload>()(listExportSchema),

  contactsSearch: method<ContactPage>()(contactsSearchSchema),
  contactsUpdate: method<ContactRow>()(contactUpdateSchema),
  /** Adds one number typed in by hand to a list (a new contact, or one already in other lists). */
  contactsAdd: method<ContactRow>()(contactAddSchema),
  contactsRemoveFromList: method<{ removed: number }>()(contactsRemoveSchema),

  optOutsList: method<OptOutPage>()(optOutsListSchema),
  optOutsAdd: method<{ added: number; alreadyListed: number }>()(optOutAddSchema),
  optOutsRemove: method<{ removed: number }>()(optOutRemoveSchema),
  optOutsImport: method<OptOutImportSummary>()(optOutImportSchema),
  optOutsExport: method<FileDownload>()(optOutExportSchema),
};

export type ImportProgressPhase = ImportPhase | 'upload' | 'commit' | 'done';

export const contactsEvents = {
  importProgress: event<{ importId: string; phase: ImportProgressPhase; done: number; total?: number }>(),
  listsChanged: event<{ reason: 'created' | 'renamed' | 'deleted' | 'merged' | 'imported' | 'members'; id: string }>(),
  optOutsChanged: event<{ reason: 'added' | 'removed' | 'imported'; count: number }>(),
};
