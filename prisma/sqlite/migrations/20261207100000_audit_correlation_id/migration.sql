-- The id a caller gave its request (client-request-id or X-Request-Id), kept
-- beside the gateway's own requestId so that a caller can find its events.
-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "correlationId" TEXT;
