/**
 * Cache of the dashboard: ledger counts (fast, re-read on live events, coalesced) and the accounts'
 * balances and box ports (asks every provider: read on open, on account changes and on request).
 */
import { create } from 'zustand';
import type { AppErrorShape } from '../../../shared/errors.ts';
import type { DashboardHealth } from '../../../shared/health.ts';
import type { DashboardAccounts, DashboardStats } from '../../../shared/monitoring.ts';
import { getApi } from '../api.ts';
import { toErrorShape } from './error-shape.ts';
import type { LoadStatus } from './load-status.ts';

export const DASHBOARD_REFRESH_MS = 1500;

interface DashboardState {
  stats: DashboardStats | null;
  statsStatus: LoadStatus;
  statsError: AppErrorShape | null;
  accounts: DashboardAccounts | null;
  accountsStatus: LoadStatus;
  accountsError: AppErrorShape | null;
  /** What needs attention and the first-run steps done (main asks no provider for it: fast). */
  health: DashboardHealth | null;
  healthError: AppErrorShape | null;
  loadStats: () => Promise<void>;
  loadAccounts: () => Promise<void>;
  loadHealth: () => Promise<void>;
}

let statsSeq = 0;
let accountsSeq = 0;
let healthSeq = 0;

export const useDashboardStore = create<DashboardState>()((set, get) => ({
  stats: null,
  statsStatus: 'idle',
  statsError: null,
  accounts: null,
  accountsStatus: 'idle',
  accountsError: null,
  health: null,
  healthError: null,
  loadStats: async () => {
    const seq = ++statsSeq;
    if (get().stats === null) set({ statsStatus: 'loading' });
    try {
      const stats = await getApi().dashboardStats();
      if (seq === statsSeq) set({ stats, statsStatus: 'ready', statsError: null });
    } catch (err) {
      if (seq === statsSeq) set({ statsStatus: 'error', statsError: toErrorShape(err) });
    }
  },
  loadAccounts: async () => {
    const seq = ++accountsSeq;
    set({ accountsStatus: 'loading' });
    try {
      const accounts = await getApi().dashboardAccounts();
      if (seq === accountsSeq) set({ accounts, accountsStatus: 'ready', accountsError: null });
    } catch (err) {
      if (seq === accountsSeq) set({ accountsStatus: 'error', accountsError: toErrorShape(err) });
    }
    // Asking every account was a connection test of each: what needs attention may have changed.
    void get().loadHealth();
  },
  loadHealth: async () => {
    const seq = ++healthSeq;
    try {
      const health = await getApi().dashboardHealth();
      if (seq === healthSeq) set({ health, healthError: null });
    } catch (err) {
      if (seq === healthSeq) set({ healthError: toErrorShape(err) });
    }
  },
}));

/** Keeps the dashboard live while it is open. Returns the stop function. */
export function connectDashboardUpdates(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const schedule = () => {
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      void useDashboardStore.getState().loadStats();
      // Sends count toward the SIMs' daily caps, and a first campaign completes the guided start.
      void useDashboardStore.getState().loadHealth();
    }, DASHBOARD_REFRESH_MS);
  };
  const health = () => void useDashboardStore.getState().loadHealth();
  const api = getApi();
  const stops = [
    api.on('messagesChanged', schedule),
    api.on('inboundReceived', schedule),
    api.on('campaignsChanged', schedule),
    api.on('campaignProgress', schedule),
    api.on('accountsChanged', () => void useDashboardStore.getState().loadAccounts()),
    api.on('receiverStatus', health),
    api.on('listsChanged', health),
    api.on('boxPortsChanged', () => void useDashboardStore.getState().loadAccounts()),
  ];
  return () => {
    if (timer !== null) clearTimeout(timer);
    stops.forEach((s) => s());
  };
}
