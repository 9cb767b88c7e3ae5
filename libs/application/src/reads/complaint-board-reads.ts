import { defaultComplaintSlaHours, type ComplaintSeverity, type ComplaintSlaHours } from '@crm/domain';
import type { EventStore, SqlQueryable } from '@crm/event-store';
import { boardStats, complaintAt, complaintBoard, openBoard, readComplaintsAsOf, type BoardRow, type BoardStats } from '@crm/projections';
import { iso } from './instants';
import { awaitProjections } from './read-your-writes';

export interface BoardFilter {
  asOf: string;
  owner?: string;
  severity?: ComplaintSeverity;
  /** One customer's complaints only (its 360). */
  customerId?: string;
}

export type BoardEntry = Omit<BoardRow, 'filedAt' | 'dueAt'> & { filedAt: string; dueAt: string };

export interface ComplaintBoardAnswer {
  asOf: string;
  open: BoardEntry[];
  stats: BoardStats;
}

/** The complaint board (首问负责制): open complaints with owner, age and SLA, and resolution stats, as of an instant. */
export class ComplaintBoardReads {
  private readonly slaHours: ComplaintSlaHours;

  constructor(
    private readonly store: EventStore,
    private readonly db: SqlQueryable,
    slaHours: Partial<ComplaintSlaHours> = {},
  ) {
    this.slaHours = { ...defaultComplaintSlaHours, ...slaHours };
  }

  async board({ asOf, owner, severity, customerId }: BoardFilter): Promise<ComplaintBoardAnswer> {
    await awaitProjections(this.db, this.store, complaintBoard.name);
    const T = Date.parse(asOf);
    // The filters choose complaints by their severity and their owner at T, for the rows and the stats alike.
    const chosen = (await readComplaintsAsOf(this.db, asOf, customerId)).filter((c) => {
      const at = complaintAt(c.facts, T, this.slaHours);
      return at !== null && (severity === undefined || at.severity === severity) && (owner === undefined || at.owner === owner);
    });
    const rows = openBoard(chosen, T, this.slaHours);
    return {
      asOf,
      open: rows.map((row) => ({ ...row, filedAt: iso(row.filedAt), dueAt: iso(row.dueAt) })),
      stats: boardStats(chosen, T, this.slaHours),
    };
  }
}
