import type { SecretState, SecretStore } from '../ports.ts';
import type { Redactor } from './redact.ts';

/** The app's secret store, telling the log's redactor every value that is read or written. */
export class RedactingSecretStore implements SecretStore {
  private readonly inner: SecretStore;
  private readonly redactor: Redactor;
  constructor(inner: SecretStore, redactor: Redactor) {
    this.inner = inner;
    this.redactor = redactor;
  }
  get(key: string) {
    const v = this.inner.get(key);
    this.redactor.add(v);
    return v;
  }
  set(key: string, value: string) {
    this.redactor.add(value);
    this.inner.set(key, value);
  }
  delete(key: string) {
    this.inner.delete(key);
  }
  state(key: string): SecretState {
    return this.inner.state(key);
  }
  protection() {
    return this.inner.protection();
  }
  allowWeakStorage() {
    return this.inner.allowWeakStorage();
  }
}
