/** Accounts of each kind for the connection and verification tests. */
import type { AccountView } from '../../../src/shared/accounts.ts';

export const jsmsAccount: AccountView = {
  id: 'acc-j',
  kind: 'jsms',
  name: 'Promo',
  baseUrl: 'https://api.sms.jpush.cn',
  appKey: 'key-123',
  signId: 42,
  devKey: undefined,
  pullReports: true,
  createdAt: 1,
  updatedAt: 1,
  hasSecret: { masterSecret: true, devSecret: false },
  secretsToReenter: [],
};

export const eimsAccount = {
  id: 'acc-e',
  kind: 'eims',
  name: 'Wholesale',
  baseUrl: 'http://203.0.113.10:20003',
  account: 'acme',
  sender: undefined,
  encrypted: false,
  createdAt: 1,
  updatedAt: 1,
  hasSecret: { password: true, key: false },
  secretsToReenter: [],
} as AccountView;

export const boxAccount = {
  id: 'acc-g',
  kind: 'gsmbox',
  name: 'Office box',
  baseUrl: 'http://192.168.1.50',
  username: 'admin',
  secondsPerSms: 6,
  dailyCapPerSim: 300,
  portRestMinutes: 30,
  createdAt: 1,
  updatedAt: 1,
  hasSecret: { password: true },
  secretsToReenter: [],
} as AccountView;
