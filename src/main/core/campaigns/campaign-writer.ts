import type { CampaignDraft, MessageState } from '../../../shared/campaigns.ts';
import { AppError, toErrorShape } from '../../../shared/errors.ts';
import type { Ledger } from '../dispatch/ledger.ts';
import type { Clock } from '../ports.ts';
import { inSteps, nextTurn } from '../store/slices.ts';
import type { CampaignsRepository, NewCampaign, NewMessage } from './campaigns-repository.ts';
import type { MoveStep } from './move-step.ts';

/**
 * Writes a campaign's messages in short steps (issue 15): the campaign row first, in state `preparing`
 * (listed, never sent from), then its messages one chunk per transaction with the event loop free
 * between, then `running`. What the messages are written from is kept on the row (`prepare_input`), so
 * a crash part-way is resumed at the next start — the partial messages are removed and written again —
 * and never sends anything twice: nothing of a preparing campaign was ever claimed.
 */

/**
 * How a preparing campaign's messages are (re)written. A `move` is not written again after a crash but
 * continued: each of its steps moved messages out of the source in the same transaction (move-step.ts).
 */
export type PrepareInput =
  | { draft: CampaignDraft }
  | { retry: { from: string; states: MessageState[]; errorCode?: string } }
  | { move: { from: string } }
  | { messages: NewMessage[] };

/** Messages deleted per step when a preparing campaign is emptied. */
const DELETE_STEP = 1_000;
/** Messages read and written per step of a retry. */
const RETRY_STEP = 500;

export interface CampaignWriterDeps {
  repo: CampaignsRepository;
  ledger: Ledger;
  clock: Clock;
  /** The campaign is complete and may send now (emit, kick the dispatcher). */
  publish(id: string, accountId: string): void;
  /** A campaign's row changed (preparing → running, cancelled, …): tell the window. */
  changed(id: string): void;
  /** Composes the draft again (restart of a preparing campaign); resolves with its chunks. */
  recompose(draft: CampaignDraft): Promise<{ chunks(): AsyncGenerator<NewMessage[]>; release(): void }>;
  /** Moves the next step of a source's unsent messages into a preparing campaign (account failover). */
  moveStep: MoveStep['step'];
  /** The target's region for provider number forms. */
  region(): string;
  /** A move into a new campaign completed: the source may have nothing left to send. */
  moved(from: string): void;
}

/** Messages read per step of a move. */
const MOVE_STEP = 500;

export function createCampaignWriter(deps: CampaignWriterDeps) {
  const { repo, clock } = deps;

  /** Empties a campaign's messages in steps (keeps the row). */
  const empty = (id: string) => inSteps(() => repo.deleteMessagesStep(id, DELETE_STEP));

  /**
   * Writes the chunks into the preparing campaign, then lets it send. Stops early when the campaign
   * left `preparing` meanwhile (the user cancelled it): what was written is cancelled too. Throws what
   * the chunks or the store threw, and CAMPAIGN_NO_RECIPIENTS when nothing was written; the caller
   * decides what becomes of the campaign then (`discard`, or cancelled with the reason). `write` writes
   * one chunk (a move takes it from the source in the same transaction).
   */
  async function fill<T = NewMessage[]>(row: NewCampaign, chunks: AsyncIterable<T>, release: () => void, write?: (chunk: T) => void): Promise<void> {
    try {
      for await (const chunk of chunks) {
        if (repo.get(row.id)?.state !== 'preparing') {
          release();
          await inSteps(() => deps.ledger.cancelQueued(row.id, DELETE_STEP) > 0);
          deps.changed(row.id);
          return;
        }
        if (write) write(chunk);
        else repo.appendMessages(row, chunk as NewMessage[]);
        deps.changed(row.id);
        await nextTurn();
      }
    } catch (err) {
      release();
      throw err;
    }
    if ((repo.get(row.id)?.total ?? 0) === 0) {
      throw new AppError('CAMPAIGN_NO_RECIPIENTS', 'Nobody is left to send to after removing invalid and opted-out numbers. Pick other lists or paste numbers.', {
        fields: { listIds: 'No recipients.' },
      });
    }
    if (repo.finishPreparing(row.id, 'running', clock.now())) deps.publish(row.id, row.accountId);
    else {
      await inSteps(() => deps.ledger.cancelQueued(row.id, DELETE_STEP) > 0);
      deps.changed(row.id);
    }
  }

  /** Removes a campaign that never sent (its messages in steps, then its row). */
  async function discard(id: string): Promise<void> {
    await empty(id);
    repo.deleteEmpty(id);
    deps.changed(id);
  }

  /** Keeps a campaign that could not be written, emptied and cancelled, with why (a scheduled run's must not vanish). */
  async function abandon(id: string, err: unknown): Promise<void> {
    await empty(id);
    const now = clock.now();
    repo.setError(id, toErrorShape(err), now);
    repo.finishPreparing(id, 'cancelled', now);
    repo.setState(id, 'cancelled', now);
    deps.changed(id);
  }

  /** The messages of `from` in `states`, as they were rendered, in steps. */
  async function* retryChunks(from: string, states: readonly MessageState[], errorCode?: string): AsyncGenerator<NewMessage[]> {
    let after = 0;
    for (;;) {
      const rows = repo.retryRows(from, states, after, RETRY_STEP, errorCode);
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.id;
      yield rows.map(({ id: _id, ...m }) => m);
      if (rows.length < RETRY_STEP) return;
    }
  }

  /**
   * Moves the unsent rest of `from` into the preparing campaign `row` step by step, then lets it send
   * (campaign-move.ts checks first). On a failure part-way what moved stays moved: the new campaign
   * keeps it, paused with why, and the rest stays in the source.
   */
  async function move(row: NewCampaign, from: string): Promise<void> {
    let after = 0;
    let done = false;
    async function* steps() {
      while (!done) yield null;
    }
    try {
      await fill(row, steps(), () => undefined, () => {
        const r = deps.moveStep(from, row, { kind: row.provider, region: deps.region() }, after, MOVE_STEP);
        after = r.last;
        done = r.read < MOVE_STEP;
      });
      deps.moved(from);
    } catch (err) {
      if ((repo.get(row.id)?.total ?? 0) === 0) await discard(row.id);
      else {
        const now = clock.now();
        repo.setError(row.id, toErrorShape(err), now);
        if (repo.finishPreparing(row.id, 'paused', now)) deps.changed(row.id);
      }
      throw err;
    }
  }

  return {
    fill,
    move,
    discard,
    abandon,
    retryChunks,

    /**
     * At start: campaigns a crash left preparing are written again from their input (after removing
     * what was written), or — when that is no longer possible (a list was deleted) — cancelled with why.
     */
    async resumeAll(onError: (err: unknown) => void): Promise<void> {
      for (const c of repo.preparing()) {
        const input = c.prepareInput as PrepareInput | null;
        if (input && 'move' in input) {
          await move(c, input.move.from).catch((err: unknown) => {
            if (!(err instanceof AppError)) onError(err);
          });
          continue;
        }
        try {
          await empty(c.id);
          if (input && 'draft' in input) {
            const set = await deps.recompose(input.draft);
            await fill(c, set.chunks(), set.release);
          } else if (input && 'retry' in input) {
            await fill(c, retryChunks(input.retry.from, input.retry.states, input.retry.errorCode), () => undefined);
          } else if (input && 'messages' in input) {
            // A test send: its one message, exactly as composed.
            await fill(c, (async function* () {
              yield input.messages;
            })(), () => undefined);
          } else {
            await discard(c.id);
          }
        } catch (err) {
          if (!(err instanceof AppError)) onError(err);
          await abandon(c.id, err);
        }
      }
    },
  };
}

export type CampaignWriter = ReturnType<typeof createCampaignWriter>;
