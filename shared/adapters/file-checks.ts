/**
 * The app check-in's file check (issue 8 item 7), remembered per process for
 * a bounded age, so that a check-in is one conditional write and no read
 * (quality.md P3). Every other participant route still reads the file on
 * every request (shared/http/participant-guard.ts `requireActiveParticipant`).
 *
 * One entry per participant holds the answer of ONE consistent read of the
 * file (participant-files-repo.ts `checkinFile`: whether it exists, its
 * municipality, whether its access is open, the receipt's initial) and, per
 * device binding a token named, the binding as read. The decision is made
 * on every request from the entry (participant-guard.ts
 * `requireActiveParticipantForCheckin`): the token's municipality is compared
 * with the file's each time, and a binding's expiry with the clock each time,
 * so an entry is never "allowed" for another municipality or past a binding's
 * end; what may be stale is only what the read saw.
 *
 * The guarantee and its bound:
 * - A change made through this process's dependency object (an admin closes
 *   or reopens the access, a profile is saved, a file is registered, a
 *   device is bound or its bindings are ended) forgets the participant's
 *   entry as soon as the write has returned (the repositories tell `forget`),
 *   so the next check-in reads the file again and sees it. Locally (one
 *   process serves every route) that is at once.
 * - A change this process did not make (another Lambda process, a write
 *   straight into the table, a deletion) is seen by a check-in at the latest
 *   `maxAgeMs` after the read the entry holds: until then a closed or
 *   deleted file may still check in (CHECKIN_FILE_CHECK_MAX_AGE_SECONDS,
 *   default 5 s; 0 reads the file on every check-in, the strictness of the
 *   other routes). A clock that went back counts as expired.
 * - At most `limit` participants are remembered (the oldest read is dropped
 *   first), at most BINDINGS_PER_ENTRY bindings each; a read that failed is
 *   not remembered. Concurrent check-ins of one participant share one read.
 */
import { initialOf } from '../domain/attendance/checkin.js';
import type { DeviceBinding } from '../identity/device-activation.js';
import type { Clock } from './clock.js';
import type { DeviceBindingsRepo } from './device-bindings-repo.js';
import type { ParticipantAccess, ParticipantFilesRepo } from './participant-files-repo.js';

/** The file as one read saw it; `initial` undefined: the file has no identity item. */
export interface CheckedFile extends ParticipantAccess {
  initial: string | undefined;
}

export interface FileCheck {
  /** Undefined: no file. */
  file: CheckedFile | undefined;
  /** The binding the token names, as read (undefined: none such); only when a binding id was asked for. */
  binding: DeviceBinding | undefined;
}

/** What the cache reads with: the dependency object's repositories and clock, looked up on each use. */
export interface FileCheckSource {
  readonly participants: Pick<ParticipantFilesRepo, 'checkinFile'>;
  readonly deviceBindings: Pick<DeviceBindingsRepo, 'getBinding'>;
  readonly clock: Clock;
}

/** Participants remembered per process: about 200 bytes each, so at most a few MB. */
export const FILE_CHECK_CACHE_LIMIT = 10_000;
/** Bindings remembered per participant (a participant has a phone or two; a token names one). */
export const BINDINGS_PER_ENTRY = 8;

interface Entry {
  /** When the read began (the clock's ms): the answer is at most as old as this. */
  at: number;
  file: Promise<CheckedFile | undefined>;
  bindings: Map<string, Promise<DeviceBinding | undefined>>;
}

export class FileChecks {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly source: FileCheckSource,
    /** How old an answer may be; 0: nothing is remembered. */
    readonly maxAgeMs: number,
    readonly limit: number = FILE_CHECK_CACHE_LIMIT,
  ) {
    if (!(maxAgeMs >= 0) || !(limit >= 1)) throw new Error('FileChecks: maxAgeMs must be ≥ 0 and limit ≥ 1');
  }

  /** Participants remembered now. */
  get size(): number {
    return this.#entries.size;
  }

  /** The file (and the binding `bindingId` names, if given): remembered if younger than maxAgeMs, else read now. */
  async check(participantId: string, bindingId?: string): Promise<FileCheck> {
    return this.answer(this.entryOf(participantId, false), participantId, bindingId);
  }

  /** The file read now whatever is remembered (the kiosk, after card + PIN); the answer is remembered for the next check-ins. */
  async fresh(participantId: string): Promise<CheckedFile | undefined> {
    return (await this.answer(this.entryOf(participantId, true), participantId, undefined)).file;
  }

  /** Forgets the participant's entry: the next check-in reads the file. */
  forget(participantId: string): void {
    this.#entries.delete(participantId);
  }

  private async answer(entry: Entry, participantId: string, bindingId: string | undefined): Promise<FileCheck> {
    const [file, binding] = await Promise.all([entry.file, bindingId === undefined ? undefined : this.bindingOf(entry, participantId, bindingId)]);
    return { file, binding };
  }

  private entryOf(participantId: string, fresh: boolean): Entry {
    const now = this.source.clock.now().getTime();
    const kept = this.#entries.get(participantId);
    if (!fresh && kept !== undefined && now >= kept.at && now - kept.at < this.maxAgeMs) return kept;
    const entry: Entry = { at: now, file: this.read(participantId), bindings: new Map() };
    if (this.maxAgeMs > 0) this.keep(participantId, entry);
    return entry;
  }

  private async read(participantId: string): Promise<CheckedFile | undefined> {
    const file = await this.source.participants.checkinFile(participantId);
    if (file === undefined) return undefined;
    const { givenName, ...access } = file;
    // Only the initial is kept, never the name.
    return { ...access, initial: givenName === undefined ? undefined : initialOf(givenName) };
  }

  private keep(participantId: string, entry: Entry): void {
    this.#entries.delete(participantId);
    // Insertion order is the order of the reads: the first key is the oldest.
    if (this.#entries.size >= this.limit) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(participantId, entry);
    // A failed read answers its callers with the error and is not remembered.
    entry.file.catch(() => {
      if (this.#entries.get(participantId) === entry) this.#entries.delete(participantId);
    });
  }

  private bindingOf(entry: Entry, participantId: string, bindingId: string): Promise<DeviceBinding | undefined> {
    const kept = entry.bindings.get(bindingId);
    if (kept !== undefined) return kept;
    if (entry.bindings.size >= BINDINGS_PER_ENTRY) entry.bindings.clear();
    const read = this.source.deviceBindings.getBinding(participantId, bindingId);
    entry.bindings.set(bindingId, read);
    read.catch(() => {
      if (entry.bindings.get(bindingId) === read) entry.bindings.delete(bindingId);
    });
    return read;
  }
}
