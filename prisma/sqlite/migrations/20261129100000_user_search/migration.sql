-- users(search:): a case-insensitive prefix of userPrincipalName or of
-- displayName, each an index range on a stored lower-cased key (SQLite's LIKE
-- folds ASCII only and uses an index only under conditions this schema does
-- not meet). userPrincipalNameKey already has its unique index.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "displayNameKey" TEXT;

-- Backfill. SQLite's lower() folds ASCII letters only; the seed, which
-- writes every key from then on, folds all of Unicode, and re-seeding an
-- existing user rewrites the key.
UPDATE "User" SET "displayNameKey" = lower("displayName");

-- CreateIndex: covers everything a displayName search reads, so that its
-- matches are one range of this index and no visit to the table (whose rows
-- lie scattered in a large one).
CREATE INDEX "User_displayNameSearch_idx" ON "User"("tenantId", "displayNameKey", "userPrincipalNameKey", "id", "userPrincipalName", "displayName");
