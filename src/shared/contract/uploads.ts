import { method } from './define.ts';
import { uploadPartSchema, type UploadProgress } from '../uploads.ts';

/** Files from the window, in parts (shared/uploads.ts); the methods that read a file take its uploadId. */
export const uploadMethods = {
  /** Appends one part of a file; the first part (no uploadId) starts the upload. */
  uploadPart: method<UploadProgress>()(uploadPartSchema),
};

export const uploadEvents = {};
