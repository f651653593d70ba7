-- The retention purge deletes by the primary key: an event's id is a UUIDv7
-- whose leading 48 bits are its activityDateTime in milliseconds, so "older
-- than the cutoff" is "id below the first id of the cutoff's millisecond"
-- (src/domain/audit.ts, firstEventIdAt). The index on activityDateTime alone
-- served only the purge and cost every audited write a page of its own
-- (bench/audit-insert.ts, bench/RESULTS.md).
-- DropIndex
DROP INDEX "AuditEvent_activityDateTime_idx";
